package dev.llmplatform.inference.engine;

/**
 * One validated chat message handed to the engine's chat template.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the message text, already neutralised against special-token injection
 */
public record ChatTurn(String role, String content) {
}
