package dev.llmplatform.tokenizer.gguf;

import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufTokenizer;
import dev.llmplatform.gguf.GgufVocabulary;
import dev.llmplatform.tokenizer.engine.Cancellation;
import dev.llmplatform.tokenizer.engine.ChatTemplate;
import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.HeapRunGuard;
import dev.llmplatform.tokenizer.engine.ParallelCounter;
import dev.llmplatform.tokenizer.engine.TextIndex;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.engine.TokenizerFamily;
import dev.llmplatform.tokenizer.engine.TokenizerOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A GGUF file's vocabulary served through the {@code gguf} module's tokenizer (llama.cpp's algorithms). Offsets are
 * derived by matching each token's bytes against the input's UTF-8 (allowing SentencePiece's added leading space);
 * a token whose bytes do not appear at that point (an added BOS/EOS, text changed by normalization) gets -1.
 * Texts with long pieces go through {@link HeapRunGuard}: the module's tokenizers build per-character structures on
 * the heap, for a whole text with SentencePiece-style vocabularies ("llama"), for each pre-token otherwise.
 */
public final class GgufEngine implements TokenizerEngine {

    /** GGUF token type of control tokens ({@code tokenizer.ggml.token_type}). */
    private static final int CONTROL = 3;
    private final GgufTokenizer tokenizer;
    private final List<String> tokens;
    private final int[] types;
    private final TokenizerDescriptor descriptor;
    private final HeapRunGuard heap = HeapRunGuard.shared();
    private final int heapBytesPerChar;
    private final boolean wholeText;

    private GgufEngine(String name, GgufFile file, GgufTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.tokens = tokenizer.vocabulary().tokens();
        this.types = tokenizer.vocabulary().tokenTypes();
        String model = tokenizer.model();
        this.wholeText = !"gpt2".equals(model) && !"bert".equals(model);
        this.heapBytesPerChar = heapBytesPerChar(model);
        Optional<ChatTemplate> template = file.chatTemplate().map(t -> new ChatTemplate(t, "gguf",
                text(tokenizer.bosId()), text(tokenizer.eosId())));
        this.descriptor = new TokenizerDescriptor(name, TokenizerFamily.fromModelType(tokenizer.model()),
                TokenizerOrigin.GGUF, tokenizer.vocabSize(), tokenizer.specialTokens(),
                file.contextLength().orElse(0), tokenizer.addsBos(), tokenizer.addsEos(), template);
    }

    /**
     * Heap per character of one piece, rounded up from measurements on 1 million characters (README.md):
     * SentencePiece ("llama") 157-177, byte-level BPE ("gpt2") 283-340, WordPiece ("bert") 114; others as BPE.
     */
    static int heapBytesPerChar(String model) {
        return switch (model) {
            case "llama" -> 200;
            case "bert" -> 150;
            default -> 350;
        };
    }

    /**
     * Reads the vocabulary of a GGUF file (metadata only; tensors are not loaded).
     *
     * @throws IOException when the file is not a readable GGUF with a supported vocabulary
     */
    public static GgufEngine load(String name, Path file) throws IOException {
        GgufFile gguf = GgufFile.read(file);
        try {
            return new GgufEngine(name, gguf, GgufTokenizer.create(GgufVocabulary.from(gguf)));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public TokenizerDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean addsSpecialTokensByDefault() {
        return true;
    }

    @Override
    public EncodedText encode(String text, boolean addSpecial, boolean parseSpecial) {
        Cancellation.check();
        return guarded(text, () -> encodeChecked(text, addSpecial, parseSpecial));
    }

    private <T> T guarded(String text, Supplier<T> work) {
        return heap.run(descriptor.name(), text, heapBytesPerChar, wholeText, work);
    }

    private EncodedText encodeChecked(String text, boolean addSpecial, boolean parseSpecial) {
        int[] ids = tokenizer.encode(text, addSpecial, parseSpecial);
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        TextIndex index = new TextIndex(text);
        int n = ids.length;
        String[] spelled = new String[n];
        int[] cs = new int[n];
        int[] ce = new int[n];
        int[] bs = new int[n];
        int[] be = new int[n];
        boolean[] special = new boolean[n];
        int cursor = 0;
        for (int i = 0; i < n; i++) {
            spelled[i] = tokens.get(ids[i]);
            special[i] = types != null && ids[i] < types.length && types[ids[i]] == CONTROL;
            byte[] piece = special[i] ? spelled[i].getBytes(StandardCharsets.UTF_8) : tokenizer.pieceBytes(ids[i]);
            int skip = matchAt(input, cursor, piece);
            if (skip < 0) {
                cs[i] = ce[i] = bs[i] = be[i] = -1;
                continue;
            }
            bs[i] = cursor;
            be[i] = cursor + piece.length - skip;
            cursor = be[i];
            cs[i] = index.utf16StartOfByte(bs[i]);
            ce[i] = index.utf16EndOfByte(be[i]);
        }
        return new EncodedText(ids, spelled, cs, ce, bs, be, special);
    }

    /** 0 when {@code piece} is at {@code at}; 1 when it is there after a leading space the tokenizer added; else -1. */
    private static int matchAt(byte[] input, int at, byte[] piece) {
        if (piece.length == 0) {
            return -1;
        }
        if (startsWith(input, at, piece, 0)) {
            return 0;
        }
        return piece[0] == ' ' && piece.length > 1 && startsWith(input, at, piece, 1) ? 1 : -1;
    }

    private static boolean startsWith(byte[] input, int at, byte[] piece, int from) {
        int length = piece.length - from;
        if (at + length > input.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (input[at + k] != piece[from + k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int count(String text, boolean addSpecial) {
        Cancellation.check();
        return guarded(text, () -> tokenizer.encode(text, addSpecial, false).length);
    }

    @Override
    public int countParsingSpecials(String text) {
        Cancellation.check();
        return guarded(text, () -> tokenizer.encode(text, false, true).length);
    }

    /** The texts are counted on every core (the tokenizer is immutable and thread-safe). */
    @Override
    public int[] countBatch(List<String> texts, boolean addSpecial) {
        return ParallelCounter.shared().countEach(texts, text -> count(text, addSpecial));
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        return tokenizer.decode(ids, !skipSpecial);
    }

    @Override
    public void close() {
        // The vocabulary lives on the Java heap; nothing native to release.
    }

    private String text(int id) {
        return id >= 0 && id < tokens.size() ? tokens.get(id) : "";
    }
}
