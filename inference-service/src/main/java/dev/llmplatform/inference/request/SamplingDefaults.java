package dev.llmplatform.inference.request;

/**
 * Values used for sampling fields a request leaves unset (from configuration or the catalogue entry).
 *
 * @param maxTokens     max_tokens when a request sends 0
 * @param temperature   default temperature
 * @param topP          default top_p
 * @param topK          default top_k
 * @param minP          default min_p
 * @param repeatPenalty default repeat_penalty
 */
public record SamplingDefaults(int maxTokens, float temperature, float topP, int topK, float minP,
                               float repeatPenalty) {
}
