package dev.llmplatform.tokenizer.service;

import java.util.List;
import java.util.Optional;

/**
 * A validated LanguageEfficiency request.
 *
 * @param pair the caller's Spanish/English pair; empty means the built-in sample
 * @param tokenizers validated tokenizer names; empty means every served tokenizer
 */
public record LanguageCommand(Optional<ParallelText> pair, List<String> tokenizers) {

    public LanguageCommand {
        tokenizers = List.copyOf(tokenizers);
    }
}
