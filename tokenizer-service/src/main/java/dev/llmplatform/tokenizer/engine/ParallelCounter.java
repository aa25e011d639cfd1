package dev.llmplatform.tokenizer.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * Counts a long text in pieces cut at {@link ChunkBoundaries} (or another {@link CutRule}), on the calling thread
 * plus helpers from a bounded pool (one thread per core by default), so that one long text uses every core and
 * memory stays bounded: at most one piece per working thread is being tokenized at any time. {@link #countEach}
 * spreads the texts of a batch over the same threads.
 *
 * <p>The caller always works through the pieces itself; helpers that never got a pool thread (the pool is busy
 * with other requests) are cancelled, so a full pool slows a request down but never blocks it.
 *
 * <p>Helpers run with the caller's gRPC context ({@link Cancellation#carry}), and every thread checks it before each
 * piece and each text: when the call is cancelled or its deadline passes, no further piece is started, the pieces
 * being counted finish, and the call fails with {@code CallCancelledException} once no thread works for it any
 * more.
 */
public final class ParallelCounter {

    /**
     * Pieces are about this many UTF-16 units: large enough that the per-call overhead is negligible, small enough
     * that the native library's per-text buffers stay in cache (measured: 16K pieces counted faster on one thread
     * than 64K pieces or whole texts; see README.md, "Performance").
     */
    public static final int DEFAULT_PIECE_CHARS = 1 << 14;

    private static final ParallelCounter SHARED =
            new ParallelCounter(Math.max(1, Runtime.getRuntime().availableProcessors()), DEFAULT_PIECE_CHARS);

    /** Counts one piece; {@code first} is true for the piece that starts the text. */
    @FunctionalInterface
    public interface PieceCounter {
        /** The token count of {@code piece}. */
        int count(String piece, boolean first);
    }

    private final ExecutorService helpers;
    private final int threads;
    private final int pieceChars;

    /**
     * A counter using up to {@code threads} threads per text (the caller and {@code threads - 1} pool daemons).
     *
     * @param pieceChars the piece size aimed at, in UTF-16 units
     */
    public ParallelCounter(int threads, int pieceChars) {
        if (threads < 1 || pieceChars < 2) {
            throw new IllegalArgumentException("threads " + threads + " and piece size " + pieceChars
                    + " must be at least 1 and 2");
        }
        this.threads = threads;
        this.pieceChars = pieceChars;
        AtomicInteger serial = new AtomicInteger();
        int poolSize = Math.max(1, threads - 1);
        this.helpers = new ThreadPoolExecutor(poolSize, poolSize, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "token-count-" + serial.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) helpers).allowCoreThreadTimeOut(true);
    }

    /** The process-wide counter: one thread per available core. */
    public static ParallelCounter shared() {
        return SHARED;
    }

    /** The piece size aimed at, in UTF-16 units. */
    public int pieceChars() {
        return pieceChars;
    }

    /** Where a text may be cut: the first allowed cut at or after {@code target}, else the text's length. */
    @FunctionalInterface
    public interface CutRule {
        /** The first allowed cut at or after {@code target}, or {@code text.length()}. */
        int nextCut(String text, int target);
    }

    /**
     * The total count of {@code text} cut at {@link ChunkBoundaries#nextCut}; texts shorter than two pieces are
     * counted in one call.
     */
    public int count(String text, PieceCounter counter) {
        return count(text, ChunkBoundaries::nextCut, counter);
    }

    /** The total count of {@code text} cut where {@code rule} allows; short texts are counted in one call. */
    public int count(String text, CutRule rule, PieceCounter counter) {
        Cancellation.check();
        if (text.length() < 2 * pieceChars) {
            return counter.count(text, true);
        }
        Pieces pieces = new Pieces(text, pieceChars, rule);
        return onEveryThread(threads - 1, () -> pieces.drain(counter), pieces::stop);
    }

    /**
     * The count of each text, the texts spread over the caller and the pool (a batch of short texts uses every core
     * the way one long text does); {@code counter} counts one whole text and may itself call {@link #count}.
     */
    public int[] countEach(List<String> texts, ToIntFunction<String> counter) {
        int[] counts = new int[texts.size()];
        AtomicInteger next = new AtomicInteger();
        IntSupplier drain = () -> {
            for (int i = next.getAndIncrement(); i < counts.length; i = next.getAndIncrement()) {
                Cancellation.check();
                counts[i] = counter.applyAsInt(texts.get(i));
            }
            return 0;
        };
        onEveryThread(Math.min(threads, counts.length) - 1, drain, () -> next.set(counts.length));
        return counts; // written by threads that were joined (Future.get) or by this one
    }

    /**
     * Runs {@code drain} on this thread and on up to {@code helperCount} pool threads and returns the sum of what
     * they returned. When this thread fails, {@code stop} makes the others take no more work, and the failure is
     * thrown once the helpers that started have returned: no work of the call goes on after it.
     */
    private int onEveryThread(int helperCount, IntSupplier drain, Runnable stop) {
        List<Helper> started = new ArrayList<>();
        for (int i = 0; i < helperCount; i++) {
            Helper helper = new Helper();
            helper.result = helpers.submit(Cancellation.carry(() -> helper.claim() ? drain.getAsInt() : 0));
            started.add(helper);
        }
        int total;
        try {
            total = drain.getAsInt();
        } catch (RuntimeException | Error e) {
            stop.run(); // the helpers finish their current piece and take no more
            awaitQuietly(started);
            throw e;
        }
        RuntimeException failure = null;
        for (Helper helper : started) {
            if (!helper.claim()) {
                try {
                    total += join(helper.result); // it started: its work is in its result
                } catch (RuntimeException e) {
                    stop.run();
                    failure = failure == null ? e : failure;
                }
            } else {
                helper.result.cancel(false); // it never started and now never will count anything
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    /** Waits for the helpers that started, ignoring their results; those that did not start never will. */
    private static void awaitQuietly(List<Helper> started) {
        for (Helper helper : started) {
            if (helper.claim()) {
                helper.result.cancel(false);
                continue;
            }
            try {
                join(helper.result);
            } catch (RuntimeException ignored) {
                // the caller's own failure is the one reported
            }
        }
    }

    private static int join(Future<Integer> helper) {
        try {
            return helper.get();
        } catch (CancellationException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** A helper task; whoever claims it first (the helper starting, or the caller giving up on it) wins. */
    private static final class Helper {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile Future<Integer> result;

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }

    /** Hands out consecutive pieces of one text to the threads counting it. */
    private static final class Pieces {
        private final String text;
        private final int pieceChars;
        private final CutRule rule;
        private int next;

        Pieces(String text, int pieceChars, CutRule rule) {
            this.text = text;
            this.pieceChars = pieceChars;
            this.rule = rule;
        }

        synchronized void stop() {
            next = text.length();
        }

        int drain(PieceCounter counter) {
            int sum = 0;
            while (true) {
                int start;
                int end;
                synchronized (this) {
                    start = next;
                    if (start >= text.length()) {
                        return sum;
                    }
                    end = rule.nextCut(text, start + pieceChars);
                    next = end;
                }
                Cancellation.check();
                sum += counter.count(text.substring(start, end), start == 0);
            }
        }
    }
}
