package dev.llmplatform.gateway.backend;

import java.util.List;
import java.util.Map;

/**
 * Sampling and stopping parameters as the client sent them; null means the model's default.
 *
 * @param maxTokens     most tokens to generate
 * @param temperature   sampling temperature
 * @param topP          nucleus sampling mass
 * @param topK          keep only the k most likely tokens
 * @param minP          minimum probability relative to the most likely token
 * @param repeatPenalty penalty for repeated tokens
 * @param seed          random seed
 * @param stop          stop strings (empty for none)
 * @param presencePenalty  OpenAI's presence_penalty
 * @param frequencyPenalty OpenAI's frequency_penalty
 * @param jsonSchema    a JSON schema (JSON text) the answer must match; empty for free text
 * @param logitBias     OpenAI's logit_bias by token id (empty for none); ids and biases are checked by the inference
 *                      service, which knows the vocabulary
 */
public record Sampling(Integer maxTokens, Double temperature, Double topP, Integer topK, Double minP,
        Double repeatPenalty, Long seed, List<String> stop, Double presencePenalty, Double frequencyPenalty,
        String jsonSchema, Map<Integer, Float> logitBias) {

    /** All defaults. */
    public static final Sampling DEFAULTS = new Sampling(null, null, null, null, null, null, null, List.of(), null,
            null, "", Map.of());
}
