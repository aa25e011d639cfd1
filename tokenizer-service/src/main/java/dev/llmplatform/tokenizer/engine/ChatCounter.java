package dev.llmplatform.tokenizer.engine;

import java.util.List;

/**
 * How a tokenizer counts a chat as the prompt its model sees (EstimateCost): rendered by its chat template, special
 * tokens only where the template wrote them. Implementations are thread-safe.
 */
public interface ChatCounter {

    /** Where the template comes from: "tokenizer_config.json", "gguf", "override", or "none" (no template). */
    String templateSource();

    /**
     * The prompt's token count for a chat, with the generation prompt (the assistant turn's header) at its end.
     *
     * @throws dev.llmplatform.tokenizer.error.TextTooLargeException when the rendered prompt is over the bound
     * @throws dev.llmplatform.tokenizer.error.InvalidRequestException when the template refuses the chat
     *         ({@code raise_exception}) or fails on it
     * @throws dev.llmplatform.tokenizer.error.TokenizerUnavailableException when the template does not compile
     */
    int count(List<ChatMessage> messages, PromptBounds bounds);
}
