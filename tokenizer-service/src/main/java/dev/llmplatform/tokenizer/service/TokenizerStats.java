package dev.llmplatform.tokenizer.service;

/**
 * One tokenizer's statistics on one text.
 *
 * @param tokenizer the tokenizer name
 * @param count tokens, no special tokens added
 * @param charsPerToken UTF-16 code units per token (0 when there are no tokens)
 * @param bytesPerToken UTF-8 bytes per token (0 when there are no tokens)
 * @param tokensPerWord tokens per whitespace-separated word (0 when there are no words)
 */
public record TokenizerStats(String tokenizer, int count, double charsPerToken, double bytesPerToken,
        double tokensPerWord) {
}
