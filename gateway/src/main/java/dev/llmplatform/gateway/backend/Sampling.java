package dev.llmplatform.gateway.backend;

import java.util.List;

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
 */
public record Sampling(Integer maxTokens, Double temperature, Double topP, Integer topK, Double minP,
        Double repeatPenalty, Long seed, List<String> stop) {

    /** All defaults. */
    public static final Sampling DEFAULTS = new Sampling(null, null, null, null, null, null, null, List.of());
}
