package dev.llmplatform.tokenizer.hf;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import dev.llmplatform.tokenizer.engine.Cancellation;
import dev.llmplatform.tokenizer.engine.ChatCounter;
import dev.llmplatform.tokenizer.engine.ChunkBoundaries;
import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.ParallelCounter;
import dev.llmplatform.tokenizer.engine.TextIndex;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.engine.TokenizerFamily;
import dev.llmplatform.tokenizer.engine.TokenizerOrigin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A Hugging Face tokenizer.json served through DJL, with truncation and padding off.
 *
 * <p>Two native instances are held: {@code parsing} is the file as written (added special tokens are matched in
 * the input, as transformers does by default) and serves {@code parse_special_tokens=true} and decoding;
 * {@code literal} is the same file without its special added tokens, so "&lt;|im_end|&gt;" in user text becomes
 * ordinary tokens, while the post-processor still adds BOS/EOS by id.
 *
 * <p>A chat (EstimateCost) is rendered by the tokenizer_config.json's chat template ({@link ConfigChatCounter}) and
 * counted with special tokens only where the template wrote them ({@link TemplateTokenSplitter}): the template
 * tokens, plus the literal count of each part between them.
 *
 * <p>Every text passes a {@link WhitespaceRunGuard} before any native call: the pipeline's regular expressions were
 * vetted when the file loaded ({@link PipelineRegexes}), and a text they could not take is refused instead of
 * reaching the library, whose regex engine would abort the process.
 */
public final class HuggingFaceEngine implements TokenizerEngine {

    private static final Map<String, String> OPTIONS =
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true");
    /** Most UTF-16 units of short texts in one native batch call of CountBatch. */
    static final int BATCH_CHARS = 1 << 18;

    private final HuggingFaceTokenizer parsing;
    private final HuggingFaceTokenizer literal;
    private final Map<Integer, String> specialById;
    private final TokenizerDescriptor descriptor;
    private final int idLimit;
    /** Null when the pipeline does not allow counting in pieces ({@link ChunkSafety}). */
    private final ParallelCounter pieces;
    private final ChunkSafety.Cutting cutting;
    private final WhitespaceRunGuard guard;
    private final TemplateTokenSplitter splitter;
    /** The literal variant without Metaspace's "first" prepending, or null when the file has no such step. */
    private final byte[] withoutFirstPrependJson;
    private HuggingFaceTokenizer withoutFirstPrepend;
    private boolean closed;
    private final Optional<ChatCounter> chat;

    private HuggingFaceEngine(String name, TokenizerJson json, byte[] original, TokenizerConfigJson config,
            ParallelCounter counter) throws IOException {
        this.cutting = json.cutting();
        this.guard = new WhitespaceRunGuard(name, json.maxWhitespaceRun());
        this.pieces = cutting == ChunkSafety.Cutting.WHOLE ? null : counter;
        this.specialById = json.specialTokens();
        this.idLimit = json.idLimit();
        this.parsing = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(original), OPTIONS);
        HuggingFaceTokenizer literalInstance;
        try {
            literalInstance = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json.literalJson()), OPTIONS);
        } catch (IOException | RuntimeException e) {
            parsing.close();
            throw e;
        }
        this.literal = literalInstance;
        int[] probe = ids(literal.encode("a", false, false));
        int[] withSpecial = ids(literal.encode("a", true, false));
        int at = indexOf(withSpecial, probe);
        boolean bos = at > 0;
        boolean eos = at >= 0 && at + probe.length < withSpecial.length;
        this.descriptor = new TokenizerDescriptor(name, TokenizerFamily.fromModelType(json.modelType()),
                TokenizerOrigin.HUGGING_FACE, json.vocabSize(), List.copyOf(new TreeSet<>(specialById.values())),
                config.maxLength(), bos, eos, config.chatTemplate());
        this.splitter = new TemplateTokenSplitter(json.templateTokens());
        this.withoutFirstPrependJson = json.literalJsonWithoutFirstPrepend();
        this.chat = config.chatTemplate().map(source -> new ConfigChatCounter(name, source, this::countPrompt));
    }

    /**
     * Loads {@code folder/tokenizer.json} (and {@code tokenizer_config.json} when present).
     *
     * @throws RefusedTokenizerException when its pipeline runs a regular expression that is not vetted
     * @throws IOException when the files cannot be read or parsed
     */
    public static HuggingFaceEngine load(String name, Path folder) throws IOException {
        return load(name, folder, ParallelCounter.shared());
    }

    /**
     * Loads {@code folder/tokenizer.json}, counting long texts in pieces on {@code counter} where the pipeline
     * allows it.
     *
     * @throws IOException when the files cannot be read or parsed
     */
    public static HuggingFaceEngine load(String name, Path folder, ParallelCounter counter) throws IOException {
        byte[] original = Files.readAllBytes(folder.resolve("tokenizer.json"));
        return new HuggingFaceEngine(name, TokenizerJson.parse(original), original,
                TokenizerConfigJson.read(folder.resolve("tokenizer_config.json")), counter);
    }

    /** Whether long texts are counted in pieces on several threads (else in one native call). */
    public boolean countsInPieces() {
        return pieces != null;
    }

    /** The longest run of whitespace other than CR/LF a text may hold ({@link Integer#MAX_VALUE}: no limit). */
    public int maxWhitespaceRun() {
        return guard.maxRun();
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
        guard.check(text);
        Cancellation.check();
        Encoding encoding = (parseSpecial ? parsing : literal).encode(text, addSpecial, false);
        int[] ids = ids(encoding);
        String[] tokens = encoding.getTokens();
        long[] mask = encoding.getSpecialTokenMask();
        CharSpan[] spans = encoding.getCharTokenSpans();
        TextIndex index = new TextIndex(text);
        int n = ids.length;
        int[] cs = new int[n];
        int[] ce = new int[n];
        int[] bs = new int[n];
        int[] be = new int[n];
        boolean[] special = new boolean[n];
        for (int i = 0; i < n; i++) {
            String specialText = specialById.get(ids[i]);
            special[i] = mask[i] != 0 || specialText != null;
            if (specialText != null && (tokens[i] == null || tokens[i].isEmpty())) {
                tokens[i] = specialText;
            }
            CharSpan span = spans[i];
            if (span == null) {
                cs[i] = ce[i] = bs[i] = be[i] = -1;
            } else {
                cs[i] = index.utf16OfCodePoint(span.getStart());
                ce[i] = index.utf16OfCodePoint(span.getEnd());
                bs[i] = index.byteOfUtf16(cs[i]);
                be[i] = index.byteOfUtf16(ce[i]);
            }
        }
        return new EncodedText(ids, tokens, cs, ce, bs, be, special);
    }

    /**
     * Counts with the only native calls counting needs (encode, then the ids; no token strings, offsets or masks
     * cross JNI). Long texts are cut where the pipeline allows it ({@link ChunkSafety}): the pieces are counted on
     * every core and only one piece per thread is in native memory at a time. The first piece carries the special
     * tokens (the post-processor adds the same ones whatever the text).
     */
    @Override
    public int count(String text, boolean addSpecial) {
        guard.check(text);
        Cancellation.check();
        return switch (cutting) {
            case WHOLE -> countWhole(literal, text, addSpecial);
            case AT_BOUNDARIES -> pieces.count(text, (piece, first) -> countWhole(literal, piece, addSpecial && first));
            case AT_WORDS_REPREPENDED -> pieces.count(text, ChunkBoundaries::nextWordCut,
                    (piece, first) -> countWhole(literal, first ? piece : piece.substring(1), addSpecial && first));
        };
    }

    /** One native call on the file as written (special-token strings become their ids), ids only. */
    @Override
    public int countParsingSpecials(String text) {
        guard.check(text);
        Cancellation.check();
        return countWhole(parsing, text, false);
    }

    private static int countWhole(HuggingFaceTokenizer instance, String text, boolean addSpecial) {
        long encoding = TokenizersLibrary.LIB.encode(instance.getHandle(), text, addSpecial);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding).length;
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    @Override
    public Optional<ChatCounter> chatCounter() {
        return chat;
    }

    /**
     * Counts a rendered chat prompt with special tokens only where the template wrote them: the prompt is cut at the
     * template tokens the library would match outside {@code fromRequest} ({@link TemplateTokenSplitter}), and each
     * part between them is counted with the literal tokenizer and no special tokens added, as the library tokenizes
     * each part between added tokens on its own.
     */
    int countPrompt(String text, BitSet fromRequest) {
        TemplateTokenSplitter.Split split = splitter.split(text, fromRequest);
        int total = split.templateTokens();
        for (TemplateTokenSplitter.Part part : split.parts()) {
            Cancellation.check();
            String piece = text.substring(part.start(), part.end());
            if (part.start() > 0 && withoutFirstPrependJson != null) {
                guard.check(piece);
                total += countWhole(withoutFirstPrepend(), piece, false);
            } else {
                total += count(piece, false);
            }
        }
        return total;
    }

    private synchronized HuggingFaceTokenizer withoutFirstPrepend() {
        if (closed) {
            throw new IllegalStateException("tokenizer " + descriptor.name() + " is closed");
        }
        if (withoutFirstPrepend == null) {
            try {
                withoutFirstPrepend = HuggingFaceTokenizer.newInstance(
                        new ByteArrayInputStream(withoutFirstPrependJson), OPTIONS);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return withoutFirstPrepend;
    }

    /**
     * Short texts go to native batch calls of at most {@link #BATCH_CHARS} UTF-16 units each (the call is checked for
     * cancellation between them); a text long enough to be cut is counted on its own. Every text is checked by the
     * guard before any of them is counted.
     */
    @Override
    public int[] countBatch(List<String> texts, boolean addSpecial) {
        texts.forEach(guard::check);
        int[] counts = new int[texts.size()];
        List<String> shorts = new ArrayList<>();
        List<Integer> shortAt = new ArrayList<>();
        int shortChars = 0;
        for (int i = 0; i < counts.length; i++) {
            String text = texts.get(i);
            if (pieces != null && text.length() >= 2 * pieces.pieceChars()) {
                counts[i] = count(text, addSpecial);
                continue;
            }
            if (!shorts.isEmpty() && shortChars + text.length() > BATCH_CHARS) {
                flush(shorts, shortAt, counts, addSpecial);
                shortChars = 0;
            }
            shorts.add(text);
            shortAt.add(i);
            shortChars += text.length();
        }
        flush(shorts, shortAt, counts, addSpecial);
        return counts;
    }

    private void flush(List<String> shorts, List<Integer> shortAt, int[] counts, boolean addSpecial) {
        Cancellation.check();
        int[] shortCounts = countBatchNative(shorts, addSpecial);
        for (int k = 0; k < shortCounts.length; k++) {
            counts[shortAt.get(k)] = shortCounts[k];
        }
        shorts.clear();
        shortAt.clear();
    }

    private int[] countBatchNative(List<String> texts, boolean addSpecial) {
        if (texts.isEmpty()) {
            return new int[0];
        }
        long[] encodings = TokenizersLibrary.LIB.batchEncode(literal.getHandle(), texts.toArray(String[]::new),
                addSpecial);
        int[] counts = new int[encodings.length];
        try {
            for (int i = 0; i < encodings.length; i++) {
                counts[i] = TokenizersLibrary.LIB.getTokenIds(encodings[i]).length;
            }
        } finally {
            for (long encoding : encodings) {
                TokenizersLibrary.LIB.deleteEncoding(encoding);
            }
        }
        return counts;
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= idLimit) {
                throw new IllegalArgumentException("id " + ids[i] + " at position " + i
                        + " is outside the vocabulary [0, " + idLimit + ")");
            }
            wide[i] = ids[i];
        }
        return parsing.decode(wide, skipSpecial);
    }

    @Override
    public void close() {
        parsing.close();
        literal.close();
        synchronized (this) {
            closed = true;
            if (withoutFirstPrepend != null) {
                withoutFirstPrepend.close();
            }
        }
    }

    private static int[] ids(Encoding encoding) {
        long[] wide = encoding.getIds();
        int[] ids = new int[wide.length];
        for (int i = 0; i < wide.length; i++) {
            ids[i] = Math.toIntExact(wide[i]);
        }
        return ids;
    }

    private static int indexOf(int[] haystack, int[] needle) {
        outer:
        for (int start = 0; start + needle.length <= haystack.length; start++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[start + k] != needle[k]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }
}
