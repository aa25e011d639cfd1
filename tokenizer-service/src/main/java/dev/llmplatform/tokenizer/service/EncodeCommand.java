package dev.llmplatform.tokenizer.service;

import java.util.Optional;

/**
 * A validated Encode request.
 *
 * @param tokenizer a validated tokenizer name
 * @param text the text, within the size limit, lone surrogates replaced by U+FFFD
 * @param addSpecial whether to add special tokens; empty means the tokenizer's default
 * @param parseSpecial whether special-token strings in the text become control tokens
 */
public record EncodeCommand(String tokenizer, String text, Optional<Boolean> addSpecial, boolean parseSpecial) {
}
