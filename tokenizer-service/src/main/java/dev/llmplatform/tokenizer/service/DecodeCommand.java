package dev.llmplatform.tokenizer.service;

/**
 * A validated Decode request.
 *
 * @param tokenizer a validated tokenizer name
 * @param ids the ids (count within the limit; range checked by the tokenizer)
 * @param skipSpecial whether special tokens are left out
 */
public record DecodeCommand(String tokenizer, int[] ids, boolean skipSpecial) {
}
