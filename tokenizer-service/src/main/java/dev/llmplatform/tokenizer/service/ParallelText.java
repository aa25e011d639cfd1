package dev.llmplatform.tokenizer.service;

/**
 * The same content in Spanish and English.
 *
 * @param spanish the Spanish text
 * @param english the English text
 */
public record ParallelText(String spanish, String english) {
}
