package dev.llmplatform.bench.stats;

import java.util.concurrent.TimeUnit;

/**
 * Warm-up by time, not by count: a service JVM runs its hot code interpreted for its first thousands of calls and
 * reaches its steady speed only after seconds to tens of seconds of work, so a fixed single warm-up pass measures the
 * JIT rather than the path.
 */
public final class Warmup {

    private Warmup() {
    }

    /** Runs {@code step} until {@code seconds} have passed, at least once; returns how many times it ran. */
    public static int forSeconds(int seconds, Runnable step) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int count = 0;
        do {
            step.run();
            count++;
        } while (System.nanoTime() < end);
        return count;
    }
}
