package dev.llmplatform.gguf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A GGUF file's tokenizer data, resolved the way llama.cpp's vocabulary loader resolves it: per-model defaults for
 * the special ids and the BOS/EOS flags, then the file's own {@code tokenizer.ggml.*} values. Ids the file gives out
 * of range keep the default (as in llama.cpp); a default out of range becomes -1 ("none"). Immutable.
 *
 * @param model          {@code tokenizer.ggml.model}: "llama" (SentencePiece BPE), "gpt2" (byte-level BPE) or "bert"
 * @param preTokenizer   {@code tokenizer.ggml.pre}, "default" when absent
 * @param tokens         the token texts; an empty text becomes {@code [EMPTY_<id>]}, as in llama.cpp
 * @param scores         the scores (zeros when the file has none)
 * @param tokenTypes     the token types (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte)
 * @param merges         the BPE merges ("left right"), empty for other models
 * @param specialIds     the special token ids
 * @param addBos         whether encoding with special tokens adds BOS
 * @param addEos         whether encoding with special tokens adds EOS
 * @param addSpacePrefix whether SentencePiece text gets a leading space ({@code tokenizer.ggml.add_space_prefix})
 * @param name           {@code general.name}, lower-cased ("" when absent); llama.cpp keys some token attributes on it
 */
public record GgufVocabulary(String model, String preTokenizer, List<String> tokens, float[] scores, int[] tokenTypes,
                             List<String> merges, SpecialIds specialIds, boolean addBos, boolean addEos,
                             boolean addSpacePrefix, String name) {

    /**
     * Special token ids; -1 where the vocabulary has none.
     *
     * @param bos  beginning of sequence ({@code [CLS]} for BERT)
     * @param eos  end of sequence
     * @param unk  unknown
     * @param sep  separator
     * @param pad  padding
     * @param mask mask
     */
    public record SpecialIds(int bos, int eos, int unk, int sep, int pad, int mask) {
    }

    /** Checks that the per-token arrays match the tokens, and copies them so the record stays immutable. */
    public GgufVocabulary {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(preTokenizer, "preTokenizer");
        Objects.requireNonNull(specialIds, "specialIds");
        Objects.requireNonNull(name, "name");
        if (tokens.isEmpty() || scores.length != tokens.size() || tokenTypes.length != tokens.size()) {
            throw new IllegalArgumentException("vocabulary of " + tokens.size() + " tokens has " + scores.length
                    + " scores and " + tokenTypes.length + " token types");
        }
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        scores = scores.clone();
        tokenTypes = tokenTypes.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    @Override
    public int[] tokenTypes() {
        return tokenTypes.clone();
    }

    /** The number of tokens. */
    public int size() {
        return tokens.size();
    }

    /**
     * Reads the vocabulary of a GGUF file.
     *
     * @throws GgufFormatException when the file has no usable vocabulary: no tokens, arrays of the wrong type or
     *                             length, an unsupported tokenizer model or pre-tokenizer, or no merges for "gpt2"
     */
    public static GgufVocabulary from(GgufFile file) throws GgufFormatException {
        return GgufVocabularyReader.read(file);
    }

    /** The BPE pre-tokenizer, for "gpt2" vocabularies. */
    Optional<BpePreTokenizer> bpePreTokenizer() {
        return "gpt2".equals(model) ? BpePreTokenizer.byName(preTokenizer) : Optional.empty();
    }

    @Override
    public String toString() {
        return "GgufVocabulary[" + model + "/" + preTokenizer + ", " + tokens.size() + " tokens, " + merges.size()
                + " merges, " + specialIds + "]";
    }
}
