package dev.llmplatform.tokenizer.service;

/**
 * One tokenizer's counts on a Spanish/English pair.
 *
 * @param tokenizer the tokenizer name
 * @param spanishTokens tokens of the Spanish text
 * @param englishTokens tokens of the English text
 * @param ratio spanishTokens / englishTokens (0 when the English text has no tokens)
 */
public record LanguageRow(String tokenizer, int spanishTokens, int englishTokens, double ratio) {
}
