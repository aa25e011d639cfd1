package dev.llmplatform.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.tokenizer.error.Echo;
import java.util.Map;

/**
 * Finds every regular expression a tokenizer.json makes the library run with Oniguruma (Split and Replace patterns
 * in the normalizer, pre-tokenizer and decoder, and the byte-level pre-tokenizer's built-in expression) and vets
 * it: a literal string pattern cannot backtrack; a regex must be one of {@link VettedRegex}. The result is the
 * longest whitespace run the pipeline takes; a pipeline with an expression that is not vetted is refused.
 */
final class PipelineRegexes {

    private PipelineRegexes() {
    }

    /**
     * The longest run of whitespace other than CR/LF the pipeline of {@code root} takes ({@link Integer#MAX_VALUE}
     * when no expression backtracks over runs).
     *
     * @throws RefusedTokenizerException when an expression is not vetted
     */
    static int maxWhitespaceRun(JsonNode root) throws RefusedTokenizerException {
        int max = Integer.MAX_VALUE;
        for (Map.Entry<String, Boolean> part : Map.of("normalizer", false, "pre_tokenizer", true, "decoder", false)
                .entrySet()) {
            max = Math.min(max, visit(root.path(part.getKey()), part.getKey(), part.getValue()));
        }
        return max;
    }

    private static int visit(JsonNode node, String part, boolean preTokenizer) throws RefusedTokenizerException {
        int max = Integer.MAX_VALUE;
        if (node.isArray()) {
            for (JsonNode item : node) {
                max = Math.min(max, visit(item, part, preTokenizer));
            }
            return max;
        }
        if (!node.isObject()) {
            return max;
        }
        if (preTokenizer && "ByteLevel".equals(node.path("type").asText()) && node.path("use_regex").asBoolean(true)) {
            max = VettedRegex.GPT2.maxWhitespaceRun();
        }
        JsonNode regex = node.path("pattern").path("Regex");
        if (regex.isTextual()) {
            VettedRegex vetted = VettedRegex.of(regex.asText()).orElseThrow(() -> new RefusedTokenizerException(
                    "its " + part + " (" + node.path("type").asText("?") + ") uses the regular expression '"
                            + Echo.value(regex.asText()) + "', which is not among the expressions vetted against "
                            + "the regex engine's backtracking limit"));
            max = Math.min(max, vetted.maxWhitespaceRun());
        }
        for (JsonNode child : node) {
            if (child.isContainerNode() && child != node.path("pattern")) {
                max = Math.min(max, visit(child, part, preTokenizer));
            }
        }
        return max;
    }
}
