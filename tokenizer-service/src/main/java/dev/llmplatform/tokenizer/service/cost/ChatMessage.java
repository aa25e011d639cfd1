package dev.llmplatform.tokenizer.service.cost;

/**
 * One validated chat message.
 *
 * @param role "system", "user" or "assistant"
 * @param content the text
 */
public record ChatMessage(String role, String content) {
}
