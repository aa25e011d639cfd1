package dev.llmplatform.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.tokenizer.engine.ChunkBoundaries;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Decides from a tokenizer.json how a long text may be counted in pieces so that the total is exact:
 * <ul>
 *   <li>{@link Cutting#AT_BOUNDARIES}: pieces cut at {@link ChunkBoundaries#nextCut} (see there for why the cuts
 *       are safe for the pre-tokenizers accepted here);</li>
 *   <li>{@link Cutting#AT_WORDS_REPREPENDED}: SentencePiece-style BPE (Llama-2, Mistral, Phi-3: normalizer
 *       {@code Prepend("▁")} then {@code Replace(" ", "▁")}, no pre-tokenizer, so the whole text is one BPE word).
 *       Pieces are cut at {@link ChunkBoundaries#nextWordCut}, before a space that follows a letter, and every piece
 *       after the first loses that space: the {@code Prepend} normalizer puts the same "▁" back. Exact when no
 *       vocabulary token has a "▁" after another character (checked here), because then no BPE merge can join the
 *       letter before the cut with the "▁" after it, and the merges on each side never meet;</li>
 *   <li>{@link Cutting#WHOLE}: anything not positively known to be safe (an unknown normalizer or split regex, a
 *       byte-level pre-tokenizer that adds a prefix space, BPE dropout, an added token that strips whitespace,
 *       contains whitespace or "▁", or starts or ends with an ASCII letter) counts the whole text in one call.</li>
 * </ul>
 */
final class ChunkSafety {

    /** How a tokenizer's long texts may be cut for counting. */
    enum Cutting {
        /** Never: one native call for the whole text. */
        WHOLE,
        /** At {@link ChunkBoundaries#nextCut}, pieces counted as they are. */
        AT_BOUNDARIES,
        /** At {@link ChunkBoundaries#nextWordCut}, every piece but the first without its leading space. */
        AT_WORDS_REPREPENDED
    }

    private static final String METASPACE = "\u2581";

    /** Normalizers that act on characters (or grapheme clusters) one at a time. */
    private static final Set<String> LOCAL_NORMALIZERS =
            Set.of("BertNormalizer", "NFC", "NFD", "NFKC", "NFKD", "Lowercase", "StripAccents", "Precompiled");

    /** Split regexes checked against the cut rule: Llama-3 and Qwen2 (GPT-4 style), Falcon's digit triples. */
    private static final Set<String> KNOWN_SPLIT_REGEXES = Set.of(VettedRegex.LLAMA3.pattern(),
            VettedRegex.QWEN2.pattern(), VettedRegex.DIGIT_TRIPLES.pattern());

    private ChunkSafety() {
    }

    /** How the tokenizer described by {@code root} (the literal variant) may count a long text in pieces. */
    static Cutting cutting(JsonNode root) {
        JsonNode dropout = root.path("model").path("dropout");
        if (!dropout.isMissingNode() && !dropout.isNull() && dropout.asDouble() != 0) {
            return Cutting.WHOLE;
        }
        for (JsonNode added : root.path("added_tokens")) {
            if (!addedTokenAllowsCuts(added)) {
                return Cutting.WHOLE;
            }
        }
        if (isSentencePieceBpe(root)) {
            return Cutting.AT_WORDS_REPREPENDED;
        }
        return normalizerIsLocal(root.path("normalizer")) && preTokenizerSplitsAtCuts(root.path("pre_tokenizer"))
                ? Cutting.AT_BOUNDARIES : Cutting.WHOLE;
    }

    /** An added token still matched in user text must not reach across, or strip whitespace at, a cut. */
    private static boolean addedTokenAllowsCuts(JsonNode added) {
        String content = added.path("content").asText();
        if (added.path("lstrip").asBoolean(false) || added.path("rstrip").asBoolean(false) || content.isEmpty()) {
            return false;
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (Character.isWhitespace(c) || c == '\u2581') {
                return false;
            }
        }
        return !ChunkBoundaries.isAsciiLetter(content.charAt(0))
                && !ChunkBoundaries.isAsciiLetter(content.charAt(content.length() - 1));
    }

    /**
     * BPE whose normalizer is exactly {@code Prepend("▁")}, {@code Replace(" ", "▁")}, without a pre-tokenizer, and
     * whose vocabulary has no token with "▁" after another character.
     */
    private static boolean isSentencePieceBpe(JsonNode root) {
        JsonNode model = root.path("model");
        boolean bpe = "BPE".equals(model.path("type").asText(model.has("merges") ? "BPE" : ""));
        JsonNode pre = root.path("pre_tokenizer");
        JsonNode steps = root.path("normalizer").path("normalizers");
        if (!bpe || !(pre.isMissingNode() || pre.isNull()) || !"Sequence".equals(root.path("normalizer")
                .path("type").asText()) || steps.size() != 2) {
            return false;
        }
        JsonNode prepend = steps.get(0);
        JsonNode replace = steps.get(1);
        boolean normalizer = "Prepend".equals(prepend.path("type").asText())
                && METASPACE.equals(prepend.path("prepend").asText())
                && "Replace".equals(replace.path("type").asText())
                && " ".equals(replace.path("pattern").path("String").asText(null))
                && METASPACE.equals(replace.path("content").asText());
        if (!normalizer || !model.path("vocab").isObject()) {
            return false;
        }
        Iterator<String> tokens = model.path("vocab").fieldNames();
        while (tokens.hasNext()) {
            String token = tokens.next();
            for (int i = token.indexOf('\u2581', 1); i > 0; i = token.indexOf('\u2581', i + 1)) {
                if (token.charAt(i - 1) != '\u2581') {
                    return false;
                }
            }
        }
        return true;
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
                    splitsAtCut |= !VettedRegex.DIGIT_TRIPLES.pattern().equals(
                            step.path("pattern").path("Regex").asText());
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
