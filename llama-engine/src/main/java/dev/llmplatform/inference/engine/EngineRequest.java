package dev.llmplatform.inference.engine;

import java.util.Map;

/**
 * Everything the engine needs for one generation, built only from validated and bounded fields.
 *
 * @param prompt          the prompt: a raw text, or the token ids of a rendered chat
 * @param maxTokens       tokens to generate, at least 1
 * @param temperature     0 (greedy) to 2
 * @param topP            in (0, 1]
 * @param topK            0 (disabled) or more
 * @param minP            in [0, 1]
 * @param repeatPenalty   in (0, 2]
 * @param seed            the sampling seed, or -1 for random
 * @param presencePenalty  in [-2, 2], 0 disables
 * @param frequencyPenalty in [-2, 2], 0 disables
 * @param jsonSchema      a JSON schema the output must match (checked and written out by the service); empty: free
 *                        text
 * @param logitBias       added to the logits of these token ids (ids in the vocabulary, biases in [-100, 100]);
 *                        empty: none
 */
public record EngineRequest(EnginePrompt prompt, int maxTokens, float temperature, float topP, int topK, float minP,
                            float repeatPenalty, long seed, float presencePenalty, float frequencyPenalty,
                            String jsonSchema, Map<Integer, Float> logitBias) {

    /** A request without penalties other than the repeat penalty, and without a schema. */
    public EngineRequest(EnginePrompt prompt, int maxTokens, float temperature, float topP, int topK, float minP,
                         float repeatPenalty, long seed) {
        this(prompt, maxTokens, temperature, topP, topK, minP, repeatPenalty, seed, 0f, 0f, "", Map.of());
    }

    /** A request for a raw text prompt. */
    public static EngineRequest text(String prompt, int maxTokens, float temperature, float topP, int topK,
                                     float minP, float repeatPenalty, long seed) {
        return new EngineRequest(new EnginePrompt.Text(prompt), maxTokens, temperature, topP, topK, minP,
                repeatPenalty, seed);
    }
}
