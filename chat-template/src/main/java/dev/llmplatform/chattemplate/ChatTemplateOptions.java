package dev.llmplatform.chattemplate;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link ChatTemplate} renders: the clock behind {@code strftime_now}, and the limits that make a faulty or
 * hostile template fail with a {@link TemplateLimitException} instead of hanging or exhausting memory.
 *
 * @param clock         the time {@code strftime_now(format)} formats, read in the clock's zone (transformers uses
 *                      the local time, without a zone: {@code %z} and {@code %Z} render empty)
 * @param maxOutputChars the most characters any one string may have: the rendered prompt, a macro's or block's
 *                      output, or a value built by concatenation, repetition, {@code join}, {@code tojson} and the like
 * @param maxIterations the work budget of one render, in steps: every loop iteration and every element a filter or
 *                      builtin walks through costs one step, a macro call ten, and building strings one step per 256
 *                      characters (the default stops a runaway template within about a second)
 * @param maxCallDepth  how deeply macro calls may nest (recursive macros included)
 */
public record ChatTemplateOptions(Clock clock, int maxOutputChars, long maxIterations, int maxCallDepth) {

    /** Default {@link #maxOutputChars()}: 8 Mi characters. */
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 8 * 1024 * 1024;
    /** Default {@link #maxIterations()}. */
    public static final long DEFAULT_MAX_ITERATIONS = 10_000_000L;
    /** Default {@link #maxCallDepth()}. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 64;

    /** Validates the values; the clock must not be null and every limit must be positive. */
    public ChatTemplateOptions {
        Objects.requireNonNull(clock, "clock");
        if (maxOutputChars <= 0 || maxIterations <= 0 || maxCallDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive: maxOutputChars=" + maxOutputChars
                    + ", maxIterations=" + maxIterations + ", maxCallDepth=" + maxCallDepth);
        }
    }

    /** The system clock in the default time zone, and the default limits. */
    public static ChatTemplateOptions defaults() {
        return new ChatTemplateOptions(Clock.systemDefaultZone(), DEFAULT_MAX_OUTPUT_CHARS, DEFAULT_MAX_ITERATIONS,
                DEFAULT_MAX_CALL_DEPTH);
    }

    /** These options with another clock (tests fix the time with {@link Clock#fixed}). */
    public ChatTemplateOptions withClock(Clock newClock) {
        return new ChatTemplateOptions(newClock, maxOutputChars, maxIterations, maxCallDepth);
    }

    /** These options with other limits. */
    public ChatTemplateOptions withLimits(int newMaxOutputChars, long newMaxIterations, int newMaxCallDepth) {
        return new ChatTemplateOptions(clock, newMaxOutputChars, newMaxIterations, newMaxCallDepth);
    }
}
