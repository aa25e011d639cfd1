package dev.llmplatform.tokenizer.service;

import java.util.List;

/**
 * Comparison results in request order.
 *
 * @param results one entry per requested tokenizer
 * @param words whitespace-separated words in the text
 */
public record Comparison(List<TokenizerStats> results, int words) {
}
