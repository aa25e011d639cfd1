package dev.llmplatform.hfhub;

import java.time.Duration;

/**
 * How HTTP transfers behave.
 *
 * @param connectTimeout     longest wait to open a connection
 * @param readTimeout        longest wait for a response's headers, and for the next bytes of a body (a transfer that
 *                           stalls longer fails and is resumed, see {@code retries})
 * @param retries            how many times a transfer that broke off or stalled is resumed, counted anew whenever
 *                           bytes arrive
 * @param progressEveryBytes how often a transfer logs its progress, in bytes
 */
public record TransferSettings(Duration connectTimeout, Duration readTimeout, int retries, long progressEveryBytes) {

    /** 30 s to connect, 60 s without data, 5 retries, progress every 256 MiB. */
    public static final TransferSettings DEFAULTS =
            new TransferSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), 5, 256L << 20);

    /** Checks the values. */
    public TransferSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        if (progressEveryBytes <= 0) {
            throw new IllegalArgumentException("progressEveryBytes must be positive");
        }
    }

    /** These settings with another read timeout. */
    public TransferSettings withReadTimeout(Duration timeout) {
        return new TransferSettings(connectTimeout, timeout, retries, progressEveryBytes);
    }

    /** These settings with another number of retries. */
    public TransferSettings withRetries(int count) {
        return new TransferSettings(connectTimeout, readTimeout, count, progressEveryBytes);
    }

    /** These settings with progress logged every {@code megabytes} MiB. */
    public TransferSettings withProgressEveryMegabytes(long megabytes) {
        return new TransferSettings(connectTimeout, readTimeout, retries, megabytes << 20);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
