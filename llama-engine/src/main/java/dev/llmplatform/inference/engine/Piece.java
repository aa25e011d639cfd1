package dev.llmplatform.inference.engine;

/**
 * One output of a running generation.
 *
 * @param text  complete UTF-8 characters produced by this step; may be empty (an end-of-sequence token renders as
 *              nothing)
 * @param token whether this output stands for one sampled token; false for the engine's closing output
 */
public record Piece(String text, boolean token) {
}
