package dev.llmplatform.tokenizer.tiktoken;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.llmplatform.tokenizer.engine.Cancellation;
import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.HeapRunGuard;
import dev.llmplatform.tokenizer.engine.ParallelCounter;
import dev.llmplatform.tokenizer.engine.TextIndex;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.engine.TokenizerFamily;
import dev.llmplatform.tokenizer.engine.TokenizerOrigin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A tiktoken encoding served through jtokkit. tiktoken adds no BOS/EOS, so {@code add_special_tokens} changes
 * nothing. Special-token strings in the text are ordinary text ({@code encodeOrdinary}) unless
 * {@code parse_special_tokens} is set; then the text is split around them and each becomes its id. Texts with long
 * runs go through {@link HeapRunGuard}: jtokkit's encoder for long pieces holds about {@value #HEAP_BYTES_PER_CHAR}
 * bytes of heap per character.
 */
public final class TiktokenEngine implements TokenizerEngine {

    /** Heap per character of one piece, rounded up from the measured 240 to 254 bytes (README.md). */
    static final int HEAP_BYTES_PER_CHAR = 300;

    private final Encoding encoding;
    private final TiktokenEncodingSpec spec;
    private final Map<Integer, String> specialById = new HashMap<>();
    private final TokenizerDescriptor descriptor;
    private final ParallelCounter pieces;
    private final HeapRunGuard heap = HeapRunGuard.shared();

    /** An engine for one of {@link TiktokenEncodingSpec#ALL}, counting long texts on the shared counter. */
    public TiktokenEngine(TiktokenEncodingSpec spec) {
        this(spec, ParallelCounter.shared());
    }

    /**
     * An engine for one of {@link TiktokenEncodingSpec#ALL}. Every tiktoken split regex (GPT-2's for r50k/p50k,
     * GPT-4's for cl100k, o200k's) keeps a newline out of letter pre-tokens, so long texts are counted in pieces
     * cut at {@link dev.llmplatform.tokenizer.engine.ChunkBoundaries} on {@code counter}.
     */
    public TiktokenEngine(TiktokenEncodingSpec spec, ParallelCounter counter) {
        this.spec = spec;
        this.pieces = counter;
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(spec.type());
        spec.specialTokens().forEach((text, id) -> specialById.put(id, text));
        this.descriptor = new TokenizerDescriptor(spec.name(), TokenizerFamily.TIKTOKEN_BPE, TokenizerOrigin.TIKTOKEN,
                spec.vocabSize(), List.copyOf(new TreeSet<>(spec.specialTokens().keySet())), 0, false, false,
                Optional.empty());
    }

    @Override
    public TokenizerDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean addsSpecialTokensByDefault() {
        return false;
    }

    @Override
    public EncodedText encode(String text, boolean addSpecial, boolean parseSpecial) {
        Cancellation.check();
        return guarded(text, () -> encodeChecked(text, parseSpecial));
    }

    private <T> T guarded(String text, Supplier<T> work) {
        return heap.run(spec.name(), text, HEAP_BYTES_PER_CHAR, false, work);
    }

    private EncodedText encodeChecked(String text, boolean parseSpecial) {
        IntArrayList ids = parseSpecial ? encodeParsingSpecials(text) : encoding.encodeOrdinary(text);
        int n = ids.size();
        TextIndex index = new TextIndex(text);
        int[] out = ids.toArray();
        String[] tokens = new String[n];
        int[] cs = new int[n];
        int[] ce = new int[n];
        int[] bs = new int[n];
        int[] be = new int[n];
        boolean[] special = new boolean[n];
        int cursor = 0;
        IntArrayList single = new IntArrayList(1);
        for (int i = 0; i < n; i++) {
            String specialText = specialById.get(out[i]);
            special[i] = specialText != null;
            int length;
            if (special[i]) {
                tokens[i] = specialText;
                length = specialText.length();
            } else {
                single.clear();
                single.add(out[i]);
                byte[] bytes = encoding.decodeBytes(single);
                tokens[i] = ByteLevelAlphabet.spell(bytes);
                length = bytes.length;
            }
            bs[i] = cursor;
            be[i] = cursor + length;
            cursor += length;
            cs[i] = index.utf16StartOfByte(bs[i]);
            ce[i] = index.utf16EndOfByte(be[i]);
        }
        return new EncodedText(out, tokens, cs, ce, bs, be, special);
    }

    private IntArrayList encodeParsingSpecials(String text) {
        IntArrayList ids = new IntArrayList();
        int from = 0;
        while (from <= text.length()) {
            int next = -1;
            String found = null;
            for (String special : spec.specialTokens().keySet()) {
                int at = text.indexOf(special, from);
                if (at >= 0 && (next < 0 || at < next)) {
                    next = at;
                    found = special;
                }
            }
            String piece = text.substring(from, next < 0 ? text.length() : next);
            IntArrayList pieceIds = encoding.encodeOrdinary(piece);
            for (int i = 0; i < pieceIds.size(); i++) {
                ids.add(pieceIds.get(i));
            }
            if (found == null) {
                break;
            }
            ids.add(spec.specialTokens().get(found));
            from = next + found.length();
        }
        return ids;
    }

    @Override
    public int count(String text, boolean addSpecial) {
        return guarded(text, () -> pieces.count(text, (piece, first) -> encoding.countTokensOrdinary(piece)));
    }

    @Override
    public int countParsingSpecials(String text) {
        Cancellation.check();
        return guarded(text, () -> encodeParsingSpecials(text).size());
    }

    /** The texts are counted on every core: jtokkit is single-threaded per call and thread-safe across calls. */
    @Override
    public int[] countBatch(List<String> texts, boolean addSpecial) {
        return pieces.countEach(texts, text -> count(text, addSpecial));
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        IntArrayList kept = new IntArrayList(ids.length);
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= spec.vocabSize()) {
                bad.add(i);
            } else if (!(skipSpecial && specialById.containsKey(id))) {
                kept.add(id);
            }
        }
        if (!bad.isEmpty()) {
            int i = bad.get(0);
            throw new IllegalArgumentException("id " + ids[i] + " at position " + i
                    + " is outside the vocabulary [0, " + spec.vocabSize() + ")");
        }
        return new String(encoding.decodeBytes(kept), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // jtokkit holds no native resources.
    }
}
