package dev.llmplatform.gateway.backend;

/**
 * A chat rendered with a model's template.
 *
 * @param prompt          the prompt text
 * @param tokens          how many tokens a generation evaluates for it
 * @param plainCompletion the model has no template and the chat is its contents joined with newlines
 */
public record RenderedChat(String prompt, int tokens, boolean plainCompletion) {
}
