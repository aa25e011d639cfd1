package dev.llmplatform.gateway.backend;

/**
 * One input's embedding.
 *
 * @param vector       the pooled, L2-normalised vector (the model's embedding length)
 * @param promptTokens tokens the input was evaluated as, the BOS token included
 */
public record Embedded(float[] vector, int promptTokens) {
}
