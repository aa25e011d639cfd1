package dev.llmplatform.inference.request;

import java.util.List;
import java.util.Map;

/**
 * Validated sampling and stopping parameters, all within their documented bounds.
 *
 * @param maxTokens          the token budget; for a request that sent 0, the default, clamped later to the slot
 * @param maxTokensDefaulted whether the request left max_tokens at 0
 * @param temperature        [0, 2]
 * @param topP               (0, 1]
 * @param topK               [0, {@link RequestLimits#MAX_TOP_K}]
 * @param minP               [0, 1]
 * @param repeatPenalty      (0, 2]
 * @param seed               [0, 2^31-1], or -1 for random
 * @param stops              at most {@link RequestLimits#MAX_STOP_STRINGS} non-empty strings
 * @param presencePenalty    [-2, 2]
 * @param frequencyPenalty   [-2, 2]
 * @param jsonSchema         a JSON schema the output must match, checked by {@link JsonSchemaCheck} and written out
 *                           again; empty: free text
 * @param logitBias          bias by token id: ids in the vocabulary, biases in [-100, 100]; empty: none
 */
public record SamplingSettings(int maxTokens, boolean maxTokensDefaulted, float temperature, float topP, int topK,
                               float minP, float repeatPenalty, long seed, List<String> stops, float presencePenalty,
                               float frequencyPenalty, String jsonSchema, Map<Integer, Float> logitBias) {

    /** Settings without presence or frequency penalty and without a schema. */
    public SamplingSettings(int maxTokens, boolean maxTokensDefaulted, float temperature, float topP, int topK,
                            float minP, float repeatPenalty, long seed, List<String> stops) {
        this(maxTokens, maxTokensDefaulted, temperature, topP, topK, minP, repeatPenalty, seed, stops, 0f, 0f, "",
                Map.of());
    }

    /** The same settings with another token budget. */
    public SamplingSettings withMaxTokens(int tokens) {
        return new SamplingSettings(tokens, maxTokensDefaulted, temperature, topP, topK, minP, repeatPenalty, seed,
                stops, presencePenalty, frequencyPenalty, jsonSchema, logitBias);
    }
}
