package dev.llmplatform.tokenizer.engine;

import dev.llmplatform.tokenizer.error.CallCancelledException;
import dev.llmplatform.tokenizer.error.Echo;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds what the pure-Java tokenizers (jtokkit's tiktoken encodings, the {@code gguf} module's vocabularies) hold on
 * the heap for one text. They split a text into pieces (a run of letters, of digits, of whitespace, of other
 * characters; for SentencePiece-style vocabularies the whole text) and build per-character structures for each
 * piece: measured, 110 to 340 bytes of heap per character of one piece (README.md, "Input the native library cannot
 * take"), so one 10 MiB run of letters needs gigabytes and ran out of a 1 GiB heap. Hence:
 * <ul>
 *   <li>a text whose longest piece is over {@code heap for one run / bytes per character} is refused with
 *       INVALID_ARGUMENT naming the run and the limit (with {@code -Xmx1g}: about 1.5 million characters for
 *       tiktoken and byte-level BPE vocabularies, 2.6 million for SentencePiece ones);</li>
 *   <li>texts with a piece longer than {@value #LIGHT_CHARS} characters are tokenized one at a time, so those limits
 *       hold however many such requests arrive together; shorter texts are not held back.</li>
 * </ul>
 * The longest piece is bounded from above by the longest run of characters of one class (letters with marks, digits,
 * whitespace, other), which every split expression of these tokenizers respects up to a character or two.
 */
public final class HeapRunGuard {

    /** Runs up to this many characters are tokenized concurrently (about 6 MB of heap each at the most). */
    public static final int LIGHT_CHARS = 1 << 14;

    private static final HeapRunGuard SHARED = new HeapRunGuard(Runtime.getRuntime().maxMemory() / 2);

    private final long heapForOneRun;
    private final Semaphore heavy = new Semaphore(1, true);

    /** A guard letting one long run take up to {@code heapForOneRun} bytes of heap. */
    public HeapRunGuard(long heapForOneRun) {
        this.heapForOneRun = heapForOneRun;
    }

    /** The process-wide guard: one long run may take half the maximum heap. */
    public static HeapRunGuard shared() {
        return SHARED;
    }

    /** The longest run a tokenizer taking {@code bytesPerChar} of heap per character may be given. */
    public int maxRun(int bytesPerChar) {
        return (int) Math.min(Integer.MAX_VALUE, heapForOneRun / bytesPerChar);
    }

    /**
     * Runs {@code work} on {@code text} within the limits: at once when its longest piece is short, one at a time
     * when it is long.
     *
     * @param tokenizer the tokenizer's name, for the message
     * @param bytesPerChar heap bytes the tokenizer takes per character of one piece
     * @param wholeText whether the tokenizer takes the whole text as one piece (SentencePiece-style)
     * @throws InvalidRequestException when the longest piece is over {@link #maxRun(int)}
     */
    public <T> T run(String tokenizer, String text, int bytesPerChar, boolean wholeText, Supplier<T> work) {
        if (text.length() <= LIGHT_CHARS) {
            return work.get();
        }
        int longest = wholeText ? text.length() : longestRun(text);
        if (longest <= LIGHT_CHARS) {
            return work.get();
        }
        int max = maxRun(bytesPerChar);
        if (longest > max) {
            throw new InvalidRequestException((wholeText ? "text is " + longest + " characters long"
                    : "text has a run of " + longest + " characters of one kind (letters, digits, whitespace or "
                            + "other) without a break")
                    + "; tokenizer '" + Echo.value(tokenizer) + "' takes at most " + max + " (it holds about "
                    + bytesPerChar + " bytes of heap per character of " + (wholeText ? "a text" : "such a run")
                    + " and may use " + (heapForOneRun >> 20) + " MiB for one)");
        }
        acquire();
        try {
            return work.get();
        } finally {
            heavy.release();
        }
    }

    /** Waits for the long-run lane, giving up when the call is cancelled. */
    private void acquire() {
        try {
            while (!heavy.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                Cancellation.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallCancelledException(false);
        }
    }

    /** The longest run of characters of one class: letters and marks, digits, whitespace, anything else. */
    static int longestRun(String text) {
        int longest = 0;
        int run = 0;
        int previous = -1;
        for (int i = 0; i < text.length(); i++) {
            int kind = kind(text.charAt(i));
            run = kind == previous ? run + 1 : 1;
            previous = kind;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static int kind(char c) {
        if (Character.isLetter(c) || Character.isSurrogate(c)) {
            return 0;
        }
        return switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> 0;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> 1;
            default -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' ? 2 : 3;
        };
    }
}
