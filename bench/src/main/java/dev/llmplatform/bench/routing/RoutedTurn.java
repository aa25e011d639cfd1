package dev.llmplatform.bench.routing;

import dev.llmplatform.testkit.client.StreamResult;

/**
 * One turn of a conversation sent through a gateway, with the usage the gateway reported for it.
 *
 * @param conversation  the conversation's index
 * @param turn          the turn, 0-based
 * @param result        the stream as the client saw it
 * @param promptTokens  {@code usage.prompt_tokens}; -1 when no usage came
 * @param cachedTokens  {@code usage.prompt_tokens_details.cached_tokens}: prompt tokens the replica reused; -1 when
 *                      no usage came
 * @param previousPromptTokens the prompt tokens of the conversation's previous turn; 0 for the first turn
 */
record RoutedTurn(int conversation, int turn, StreamResult result, int promptTokens, int cachedTokens,
        int previousPromptTokens) {

    /**
     * Whether a later turn landed on a replica that held its conversation: the replica reused at least half of the
     * previous turn's prompt (the whole of it when the chat template renders the answer as it was sampled; less
     * when the re-rendered answer tokenizes differently). A replica that never saw the conversation reuses at most
     * the opening words that all conversations share.
     */
    boolean warm() {
        return turn > 0 && cachedTokens >= 0 && previousPromptTokens > 0 && 2 * cachedTokens >= previousPromptTokens;
    }

    /** Whether the stream completed and reported its usage. */
    boolean completed() {
        return result.outcome() == StreamResult.Outcome.COMPLETED && promptTokens >= 0;
    }
}
