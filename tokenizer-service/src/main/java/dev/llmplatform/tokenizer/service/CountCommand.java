package dev.llmplatform.tokenizer.service;

import java.util.List;
import java.util.Optional;

/**
 * A validated Count or CountBatch request.
 *
 * @param tokenizer a validated tokenizer name
 * @param texts the texts, together within the size limit
 * @param addSpecial whether special tokens are counted; empty means the tokenizer's default
 */
public record CountCommand(String tokenizer, List<String> texts, Optional<Boolean> addSpecial) {

    public CountCommand {
        texts = List.copyOf(texts);
    }
}
