package dev.llmplatform.gguf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Tokenizes text with a GGUF file's own vocabulary exactly as llama.cpp (build b4916) does: SentencePiece BPE
 * ("llama"), byte-level BPE with a pre-tokenizer ("gpt2") or WordPiece ("bert"). Immutable and thread-safe; every
 * algorithm runs in O(n log n) of the input length (WordPiece: O(n * longest token)).
 *
 * <p>Java strings may hold lone surrogates, which have no UTF-8 form: they are replaced by U+FFFD before tokenizing.
 */
public final class GgufTokenizer {

    private final GgufVocabulary vocabulary;
    private final int[] attrs;
    private final SpecialTokenSplitter splitter;
    private final Segmenter segmenter;
    private final TokenPieces pieces;
    private final GgufVocabulary.SpecialIds ids;

    private GgufTokenizer(GgufVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.ids = vocabulary.specialIds();
        this.attrs = TokenAttributes.of(vocabulary);
        this.splitter = new SpecialTokenSplitter(vocabulary.tokens(), attrs);
        String[] texts = vocabulary.tokens().toArray(String[]::new);
        boolean cleanSpaces;
        switch (vocabulary.model()) {
            case "llama" -> {
                segmenter = new SpmSegmenter(new VocabIndex(texts, vocabulary.scores(), ids.unk(), false));
                cleanSpaces = false;
            }
            case "bert" -> {
                segmenter = new WpmSegmenter(new VocabIndex(texts, vocabulary.scores(), ids.unk(), false), ids.unk());
                cleanSpaces = true;
            }
            case "gpt2" -> {
                BpePreTokenizer pre = vocabulary.bpePreTokenizer().orElseThrow(() -> new IllegalArgumentException(
                        "pre-tokenizer '" + vocabulary.preTokenizer() + "' is not supported"));
                segmenter = new BpeSegmenter(new VocabIndex(texts, vocabulary.scores(), ids.unk(), true),
                        new BpeMerges(vocabulary.merges()), pre);
                cleanSpaces = pre.cleanSpaces();
            }
            default -> throw new IllegalArgumentException("tokenizer model '" + vocabulary.model() + "' is not supported");
        }
        this.pieces = new TokenPieces(vocabulary.tokens(), attrs, vocabulary.model(), vocabulary.addSpacePrefix(),
                cleanSpaces);
    }

    /** A tokenizer for a vocabulary read with {@link GgufVocabulary#from(GgufFile)}. */
    public static GgufTokenizer create(GgufVocabulary vocabulary) {
        return new GgufTokenizer(Objects.requireNonNull(vocabulary, "vocabulary"));
    }

    /**
     * Token ids for a text.
     *
     * @param addSpecial   add the model's BOS/EOS (for "bert": [CLS] and [SEP]) where the vocabulary asks for them
     * @param parseSpecial recognise control-token texts such as {@code <|endoftext|>} as those tokens; when false they
     *                     are tokenized as plain text (user-defined tokens are recognised either way, as in llama.cpp)
     */
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        return encode(text, addSpecial, parseSpecial ? SpecialTokenSplitter.ALWAYS : null);
    }

    /**
     * Token ids for a prompt that mixes text the server wrote (a chat template's output) with text from a request:
     * a control or unknown token's text becomes that token only where none of its characters is request-owned, so
     * request text cannot forge one. Everything else is llama.cpp's tokenization with special parsing on: the text
     * between the recognised tokens is tokenized whole, user-defined tokens are recognised anywhere (as llama.cpp
     * does even without special parsing), LSTRIP/RSTRIP tokens swallow the whitespace beside them, SentencePiece
     * text after a token gets its space prefix. With no request-owned character this equals
     * {@code encode(text, addSpecial, true)}; with all of them, {@code encode(text, addSpecial, false)}.
     *
     * @param text        the prompt
     * @param addSpecial  add the model's BOS/EOS where the vocabulary asks for them, as {@link #encode(String,
     *                    boolean, boolean)} does
     * @param fromRequest the request-owned characters, by UTF-16 index into {@code text} (bits past its end are
     *                    ignored)
     */
    public int[] encode(String text, boolean addSpecial, BitSet fromRequest) {
        Objects.requireNonNull(fromRequest, "fromRequest");
        return encode(text, addSpecial, (start, end) -> {
            int next = fromRequest.nextSetBit(start);
            return next < 0 || next >= end;
        });
    }

    /**
     * Like {@link #encode(String, boolean, BitSet)}, with the template-owned characters given as a predicate: a
     * control or unknown token's text becomes that token only where {@code specialAllowedAt} holds for each of its
     * characters (UTF-16 indices into {@code text}).
     */
    public int[] encode(String text, boolean addSpecial, IntPredicate specialAllowedAt) {
        Objects.requireNonNull(specialAllowedAt, "specialAllowedAt");
        return encode(text, addSpecial, (start, end) -> {
            for (int i = start; i < end; i++) {
                if (!specialAllowedAt.test(i)) {
                    return false;
                }
            }
            return true;
        });
    }

    private int[] encode(String text, boolean addSpecial, SpecialTokenSplitter.Matcher controlMatches) {
        String clean = WellFormedText.withoutLoneSurrogates(Objects.requireNonNull(text, "text"));
        List<SpecialTokenSplitter.Fragment> fragments = splitter.split(clean, controlMatches);
        IntList out = new IntList();
        boolean bos = addSpecial && addsBos();
        boolean eos = addSpecial && addsEos();
        if (bos) {
            out.add(ids.bos());
        }
        boolean previousSpecial = true;
        for (SpecialTokenSplitter.Fragment fragment : fragments) {
            if (!fragment.isText()) {
                out.add(fragment.token());
                previousSpecial = true;
                continue;
            }
            String part = clean.substring(fragment.start(), fragment.end());
            if ("llama".equals(vocabulary.model())) {
                part = (vocabulary.addSpacePrefix() && previousSpecial ? " " + part : part).replace(' ', '\u2581');
            }
            segmenter.encode(part, out);
            previousSpecial = false;
        }
        if (eos) {
            out.add("bert".equals(vocabulary.model()) ? ids.sep() : ids.eos());
        }
        return out.toArray();
    }

    /** The text of a token sequence, special tokens rendered as their text (llama.cpp's common_detokenize default). */
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    /**
     * The text of a token sequence. Bytes that do not form valid UTF-8 (a multi-byte character cut off) become U+FFFD.
     *
     * @param renderSpecial whether control and unknown tokens appear as their text or are left out
     * @throws IllegalArgumentException when an id is outside the vocabulary
     */
    public String decode(int[] ids, boolean renderSpecial) {
        for (int id : ids) {
            checkId(id);
        }
        return new String(pieces.detokenize(ids, renderSpecial), StandardCharsets.UTF_8);
    }

    /** The text one token stands for; a lone byte token that is not valid UTF-8 by itself reads as U+FFFD. */
    public String piece(int id) {
        return new String(pieceBytes(id), StandardCharsets.UTF_8);
    }

    /** The bytes one token stands for (for streaming: join them before decoding UTF-8). */
    public byte[] pieceBytes(int id) {
        checkId(id);
        return pieces.bytes(id);
    }

    /** The number of tokens in the vocabulary. */
    public int vocabSize() {
        return vocabulary.size();
    }

    /** Whether {@code encode(text, true, ...)} starts with BOS ([CLS] for "bert"). */
    public boolean addsBos() {
        return ids.bos() >= 0 && ("bert".equals(vocabulary.model()) || vocabulary.addBos());
    }

    /** Whether {@code encode(text, true, ...)} ends with EOS ([SEP] for "bert"). */
    public boolean addsEos() {
        return "bert".equals(vocabulary.model()) ? ids.sep() >= 0 : ids.eos() >= 0 && vocabulary.addEos();
    }

    /** The BOS id, or -1. */
    public int bosId() {
        return ids.bos();
    }

    /** The EOS id, or -1. */
    public int eosId() {
        return ids.eos();
    }

    /** The texts of the control, user-defined and unknown tokens, in id order. */
    public List<String> specialTokens() {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < attrs.length; i++) {
            if (TokenAttributes.isSpecial(attrs[i])) {
                result.add(vocabulary.tokens().get(i));
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** {@code tokenizer.ggml.model}: "llama", "gpt2" or "bert". */
    public String model() {
        return vocabulary.model();
    }

    /** {@code tokenizer.ggml.pre}, "default" when the file names none. */
    public String preTokenizer() {
        return vocabulary.preTokenizer();
    }

    /** The vocabulary this tokenizer was made from. */
    public GgufVocabulary vocabulary() {
        return vocabulary;
    }

    private void checkId(int id) {
        if (id < 0 || id >= vocabulary.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.." + (vocabulary.size() - 1) + ")");
        }
    }
}
