package dev.llmplatform.compare;

import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.testkit.client.Generation;

/**
 * The outcome of one prompt on one model.
 *
 * @param promptId              the prompt's label
 * @param answer                the generated text (empty on error)
 * @param maxTokens             the max_tokens sent (capped to the model's context)
 * @param promptTokens          {@code Final.usage.prompt_tokens}
 * @param completionTokens      {@code Final.usage.completion_tokens}
 * @param finishReason          STOP, LENGTH, ... or ERROR
 * @param clientTtftMs          call start to the first chunk, measured by this client
 * @param clientTokensPerSecond tokens after the first chunk over the time from first to last chunk; NaN if &lt; 2 chunks
 * @param serverTtftMs          {@code Final.timings.time_to_first_token_ms}
 * @param serverTokensPerSecond {@code Final.timings.tokens_per_second}
 * @param error                 what went wrong, or empty
 */
public record PromptResult(String promptId, String answer, int maxTokens, int promptTokens, int completionTokens,
        String finishReason, double clientTtftMs, double clientTokensPerSecond, double serverTtftMs,
        double serverTokensPerSecond, String error) {

    /** A prompt that produced no generation. */
    public static PromptResult failed(String promptId, int maxTokens, String error) {
        return new PromptResult(promptId, "", maxTokens, 0, 0, "ERROR", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                error);
    }

    /**
     * The outcome of one {@code Generate} stream: the final message's usage and timings with the times this client
     * measured; a stream that failed or ended without a final message gives a failed result.
     */
    public static PromptResult of(String promptId, int maxTokens, Generation generation) {
        if (generation.error().isPresent()) {
            return failed(promptId, maxTokens, generation.error().get().getCode() + ": "
                    + generation.error().get().getDescription());
        }
        if (generation.fin().isEmpty()) {
            return failed(promptId, maxTokens, "the stream ended without a Final message");
        }
        Final fin = generation.fin().get();
        return new PromptResult(promptId, generation.text(), maxTokens, fin.getUsage().getPromptTokens(),
                fin.getUsage().getCompletionTokens(), fin.getFinishReason().name().replace("FINISH_REASON_", ""),
                generation.firstChunkNanos() < 0 ? Double.NaN : generation.firstChunkNanos() / 1e6,
                generation.tokensPerSecondAfterFirstChunk(), fin.getTimings().getTimeToFirstTokenMs(),
                fin.getTimings().getTokensPerSecond(), fin.getError());
    }

    /** Whether the prompt failed before or during generation. */
    public boolean failed() {
        return !error.isEmpty();
    }
}
