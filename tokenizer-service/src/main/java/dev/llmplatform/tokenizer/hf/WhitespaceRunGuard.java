package dev.llmplatform.tokenizer.hf;

import dev.llmplatform.tokenizer.error.Echo;
import dev.llmplatform.tokenizer.error.InvalidRequestException;

/**
 * Checks a text before it reaches the native library: a run of whitespace other than CR/LF longer than the
 * tokenizer's split expression can backtrack over ({@link VettedRegex#maxWhitespaceRun()}) would make the library
 * abort the process, so the text is refused with INVALID_ARGUMENT instead. Whitespace is Unicode White_Space, which
 * is what Oniguruma's {@code \s} matches. One pass over the text, no allocation.
 */
public final class WhitespaceRunGuard {

    /**
     * The longest run accepted where the split expression backtracks over runs. Measured in child JVMs (README.md,
     * "Input the native library cannot take"): one retry per character of the run plus a few dozen, so the library
     * answers a run of {@value #LONGEST_MEASURED_ANSWERED} characters and aborts on one of
     * {@value #SHORTEST_MEASURED_ABORT} (spaces, tabs, vertical tabs, tab/space mixes, after a letter or at the start
     * of the text, llama-3.1 and qwen2.5). The limit keeps 1% (about 100,000 retries) below that.
     */
    public static final int MAX_RUN = 9_900_000;
    /** The longest run of spaces after a letter the library was measured to answer (llama-3.1). */
    static final int LONGEST_MEASURED_ANSWERED = 9_999_967;
    /** The shortest run of spaces after a letter the library was measured to abort on (llama-3.1). */
    static final int SHORTEST_MEASURED_ABORT = 10_000_009;

    private final String tokenizer;
    private final int maxRun;

    /** A guard for {@code tokenizer} refusing runs longer than {@code maxRun} ({@link Integer#MAX_VALUE}: none). */
    public WhitespaceRunGuard(String tokenizer, int maxRun) {
        this.tokenizer = tokenizer;
        this.maxRun = maxRun;
    }

    /** The longest run accepted. */
    public int maxRun() {
        return maxRun;
    }

    /**
     * Refuses {@code text} when it holds a run of whitespace other than CR/LF longer than {@link #maxRun()}.
     *
     * @throws InvalidRequestException naming the run's length and position and the limit
     */
    public void check(String text) {
        if (maxRun == Integer.MAX_VALUE || text.length() <= maxRun) {
            return;
        }
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isRunCharacter(text.charAt(i))) {
                if (++run > maxRun) {
                    int start = i - run + 1;
                    int end = i + 1;
                    while (end < text.length() && isRunCharacter(text.charAt(end))) {
                        end++;
                    }
                    throw new InvalidRequestException("text has a run of " + (end - start) + " whitespace characters "
                            + "(not counting line breaks) at character " + start + "; tokenizer '"
                            + Echo.value(tokenizer) + "' takes runs of at most " + maxRun + " (its split expression "
                            + "backtracks over such runs and the tokenizer library fails on longer ones)");
                }
            } else {
                run = 0;
            }
        }
    }

    /** Unicode White_Space (what Oniguruma's {@code \s} matches) other than CR and LF. */
    static boolean isRunCharacter(char c) {
        return switch (c) {
            case '\t', '\u000b', '\f', ' ', '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f',
                    '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200a';
        };
    }
}
