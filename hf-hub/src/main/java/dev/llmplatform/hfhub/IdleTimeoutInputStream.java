package dev.llmplatform.hfhub;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that fails with {@link HttpTimeoutException} when no bytes arrive for the timeout. The JDK client's
 * request timeout only covers the wait for the headers, and a read of its body stream blocks on a stalled connection
 * until the server closes it (an interrupt does not end it). A watchdog closes the stream instead, which ends the
 * blocked read; the read then reports the timeout.
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hf-hub-idle-timeout");
        thread.setDaemon(true);
        return thread;
    });

    private final long timeoutNanos;
    private final Duration timeout;
    private final ScheduledFuture<?> watch;
    private long lastProgress = System.nanoTime();
    private boolean reading;
    private boolean timedOut;

    IdleTimeoutInputStream(InputStream in, Duration timeout) {
        super(in);
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        this.watch = WATCHDOG.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        begin();
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            end(e);
            throw e;
        }
        end(null);
        return n;
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        super.close();
    }

    private synchronized void begin() throws HttpTimeoutException {
        if (timedOut) {
            throw timeoutException(null);
        }
        reading = true;
        lastProgress = System.nanoTime();
    }

    private synchronized void end(IOException failure) throws HttpTimeoutException {
        reading = false;
        if (timedOut) {
            throw timeoutException(failure);
        }
    }

    private void check() {
        synchronized (this) {
            if (!reading || timedOut || System.nanoTime() - lastProgress <= timeoutNanos) {
                return;
            }
            timedOut = true;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // the read that is waiting fails either way
        }
    }

    private HttpTimeoutException timeoutException(IOException cause) {
        HttpTimeoutException e = new HttpTimeoutException("no data for " + timeout.toMillis() + " ms");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
