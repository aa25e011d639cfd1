package dev.llmplatform.inference.engine;

/**
 * Everything the engine needs for one generation, built only from validated and bounded fields.
 *
 * @param prompt          the full prompt text (chat already rendered)
 * @param maxTokens       tokens to generate, at least 1
 * @param temperature     0 (greedy) to 2
 * @param topP            in (0, 1]
 * @param topK            0 (disabled) or more
 * @param minP            in [0, 1]
 * @param repeatPenalty   in (0, 2]
 * @param seed            the sampling seed, or -1 for random
 */
public record EngineRequest(String prompt, int maxTokens, float temperature, float topP, int topK, float minP,
                            float repeatPenalty, long seed) {
}
