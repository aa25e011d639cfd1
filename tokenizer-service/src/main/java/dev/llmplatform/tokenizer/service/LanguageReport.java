package dev.llmplatform.tokenizer.service;

import java.util.List;

/**
 * Spanish versus English, one row per tokenizer.
 *
 * @param rows the rows, in request order (name order when all tokenizers were measured)
 * @param builtinSample whether the built-in sample was used
 */
public record LanguageReport(List<LanguageRow> rows, boolean builtinSample) {
}
