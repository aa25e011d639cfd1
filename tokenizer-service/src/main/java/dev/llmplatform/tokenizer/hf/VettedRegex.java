package dev.llmplatform.tokenizer.hf;

import java.util.Arrays;
import java.util.Optional;

/**
 * The regular expressions a tokenizer.json may make Oniguruma run on user text (Split pre-tokenizers, the byte-level
 * pre-tokenizer's built-in expression), each vetted against Oniguruma's backtracking limit
 * ({@code retry-limit-in-match}, 10,000,000 retries per match in the Oniguruma the library bundles; past it the
 * library panics and the process aborts). Vetting means: every alternative was read for a repetition that can be
 * followed by a failure (the only way a match backtracks over more than a few characters), the inputs that make it
 * backtrack were named, and the run length at which the library aborts was measured in a child JVM for each
 * tokenizer of the test assets that uses it ({@code NativeAbortProbe}, README.md "Input the native library cannot
 * take"). An expression outside this list is refused when the tokenizer loads.
 */
public enum VettedRegex {

    /**
     * GPT-2's expression (the byte-level pre-tokenizer's own, and as a Split). Every repetition ends its alternative
     * except {@code \s+(?!\S)}, which gives back at most one character: no run makes it backtrack further.
     */
    GPT2("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+", Integer.MAX_VALUE),
    /**
     * Llama 3's (GPT-4's cl100k) expression. {@code \s*[\r\n]+} takes the whole whitespace run and gives it back
     * character by character down to its last line break: one retry per whitespace character after the last line
     * break, so runs of whitespace other than CR/LF are bounded ({@link WhitespaceRunGuard}).
     */
    LLAMA3("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", WhitespaceRunGuard.MAX_RUN),
    /** Qwen2's expression: Llama 3's with single digits; the same whitespace behaviour. */
    QWEN2("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", WhitespaceRunGuard.MAX_RUN),
    /** Falcon's digit triples: no repetition at all. */
    DIGIT_TRIPLES("[0-9][0-9][0-9]", Integer.MAX_VALUE),
    /** Runs of one to three digits ({@code \p{N}{1,3}}, as a Split of its own): a bounded repetition, last. */
    DIGITS_UP_TO_THREE("\\p{N}{1,3}", Integer.MAX_VALUE),
    /** One digit ({@code \p{N}}, as a Split of its own): no repetition. */
    ONE_DIGIT("\\p{N}", Integer.MAX_VALUE);

    private final String pattern;
    private final int maxWhitespaceRun;

    VettedRegex(String pattern, int maxWhitespaceRun) {
        this.pattern = pattern;
        this.maxWhitespaceRun = maxWhitespaceRun;
    }

    /** The expression exactly as tokenizer.json spells it. */
    public String pattern() {
        return pattern;
    }

    /**
     * The longest run of whitespace other than CR/LF the expression is known to take ({@link Integer#MAX_VALUE}:
     * it does not backtrack over runs).
     */
    public int maxWhitespaceRun() {
        return maxWhitespaceRun;
    }

    /** The vetted expression spelled exactly {@code pattern}, if any. */
    public static Optional<VettedRegex> of(String pattern) {
        return Arrays.stream(values()).filter(v -> v.pattern.equals(pattern)).findFirst();
    }
}
