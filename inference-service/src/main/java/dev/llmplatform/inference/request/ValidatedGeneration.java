package dev.llmplatform.inference.request;

import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.EngineRequest;

/**
 * A generation request that passed validation: it fits the slot's context and every field is in bounds.
 *
 * @param requestId       the caller's identifier, sanitised for logs
 * @param prompt          what the engine evaluates: the token ids of the raw prompt (tokenized by the engine) or of
 *                        the chat
 * @param promptTokens    tokens in the prompt, BOS included when the model adds one
 * @param sampling        validated sampling parameters; maxTokens fits the context
 * @param plainCompletion a chat run as plain completion because the model has no template
 */
public record ValidatedGeneration(String requestId, EnginePrompt prompt, int promptTokens, SamplingSettings sampling,
                                  boolean plainCompletion) {

    /** The prompt's token ids as the engine evaluates them (BOS included where the engine adds one). */
    public int[] promptIds() {
        return prompt instanceof EnginePrompt.Tokens tokens ? tokens.ids() : new int[0];
    }

    /** The engine's view of this request. */
    public EngineRequest toEngineRequest() {
        return new EngineRequest(prompt, sampling.maxTokens(), sampling.temperature(), sampling.topP(),
                sampling.topK(), sampling.minP(), sampling.repeatPenalty(), sampling.seed(), sampling.presencePenalty(),
                sampling.frequencyPenalty(), sampling.jsonSchema(), sampling.logitBias());
    }
}
