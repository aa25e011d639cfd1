package dev.llmplatform.testkit.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a blocking resource when a deadline passes, so that no read in the harness can wait forever. Whether it
 * fired tells a hang from an ordinary I/O error.
 */
public final class Deadline implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kit-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    private Deadline(Closeable resource, Duration after) {
        task = TIMER.schedule(() -> {
            fired.set(true);
            try {
                resource.close();
            } catch (IOException | RuntimeException e) {
                // Closing is best effort; the blocked reader sees the failure either way.
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Arms a deadline that closes the resource after the given time. */
    public static Deadline arm(Closeable resource, Duration after) {
        return new Deadline(resource, after);
    }

    /** Whether the deadline passed and closed the resource. */
    public boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
