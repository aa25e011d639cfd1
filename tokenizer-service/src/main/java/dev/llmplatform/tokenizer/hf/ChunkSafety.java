package dev.llmplatform.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Decides from a tokenizer.json whether counting a long text in pieces cut at
 * {@link dev.llmplatform.tokenizer.engine.ChunkBoundaries} is exact (see there for why the cut is safe for the
 * pipelines accepted here). Anything not positively known to be safe is refused, and such tokenizers count the
 * whole text in one native call: for example a {@code Prepend} normalizer or a pipeline without a pre-tokenizer
 * (Llama-2, Mistral, Phi-3: the whole text is one BPE word and every piece would get its own leading "▁"), a
 * byte-level pre-tokenizer that adds a prefix space, an unknown split regex, BPE dropout, or an added token that
 * strips whitespace to its left or contains a newline.
 */
final class ChunkSafety {

    /** Normalizers that act on characters (or grapheme clusters) one at a time. */
    private static final Set<String> LOCAL_NORMALIZERS =
            Set.of("BertNormalizer", "NFC", "NFD", "NFKC", "NFKD", "Lowercase", "StripAccents", "Precompiled");

    /** Split regexes checked against the cut rule: Llama-3 and Qwen2 (GPT-4 style), Falcon's digit triples. */
    private static final Set<String> KNOWN_SPLIT_REGEXES = Set.of(
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            "[0-9][0-9][0-9]");

    private ChunkSafety() {
    }

    /** Whether the tokenizer described by {@code root} (the literal variant) may be counted in pieces. */
    static boolean allowsPieces(JsonNode root) {
        JsonNode dropout = root.path("model").path("dropout");
        if (!dropout.isMissingNode() && !dropout.isNull() && dropout.asDouble() != 0) {
            return false;
        }
        for (JsonNode added : root.path("added_tokens")) {
            if (added.path("lstrip").asBoolean(false) || added.path("content").asText().indexOf('\n') >= 0) {
                return false;
            }
        }
        return normalizerIsLocal(root.path("normalizer")) && preTokenizerSplitsAtCuts(root.path("pre_tokenizer"));
    }

    private static boolean normalizerIsLocal(JsonNode normalizer) {
        if (normalizer.isMissingNode() || normalizer.isNull()) {
            return true;
        }
        String type = normalizer.path("type").asText();
        if ("Sequence".equals(type)) {
            for (JsonNode inner : normalizer.path("normalizers")) {
                if (!normalizerIsLocal(inner)) {
                    return false;
                }
            }
            return true;
        }
        return LOCAL_NORMALIZERS.contains(type);
    }

    private static boolean preTokenizerSplitsAtCuts(JsonNode pre) {
        if (pre.isMissingNode() || pre.isNull()) {
            return false;
        }
        boolean splitsAtCut = false;
        boolean whitespaceSplit = false;
        Iterable<JsonNode> steps = "Sequence".equals(pre.path("type").asText()) ? pre.path("pretokenizers")
                : List.of(pre);
        for (JsonNode step : steps) {
            switch (step.path("type").asText()) {
                case "ByteLevel" -> {
                    if (step.path("add_prefix_space").asBoolean(false)) {
                        return false;
                    }
                    splitsAtCut |= step.path("use_regex").asBoolean(true);
                }
                case "Split" -> {
                    if (!KNOWN_SPLIT_REGEXES.contains(step.path("pattern").path("Regex").asText(null))
                            || step.path("invert").asBoolean(false)) {
                        return false;
                    }
                    splitsAtCut |= !"[0-9][0-9][0-9]".equals(step.path("pattern").path("Regex").asText());
                }
                case "BertPreTokenizer", "Whitespace", "WhitespaceSplit" -> {
                    splitsAtCut = true;
                    whitespaceSplit = true;
                }
                case "Punctuation", "Digits" -> {
                    // split further inside pieces; never join across the newline
                }
                case "Metaspace" -> {
                    // once a whitespace splitter has made every word its own pre-token, "always" prepends "▁" to
                    // every word and "never" to none, so a piece's first word is treated the same; "first" is not
                    String scheme = step.path("prepend_scheme").asText(
                            step.path("add_prefix_space").asBoolean(true) ? "always" : "never");
                    if (!whitespaceSplit || "first".equals(scheme)) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return splitsAtCut;
    }
}
