package dev.llmplatform.tokenizer.service;

import java.util.List;

/**
 * A validated Compare request.
 *
 * @param text the text, within the size limit
 * @param tokenizers at least one validated tokenizer name
 */
public record CompareCommand(String text, List<String> tokenizers) {

    public CompareCommand {
        tokenizers = List.copyOf(tokenizers);
    }
}
