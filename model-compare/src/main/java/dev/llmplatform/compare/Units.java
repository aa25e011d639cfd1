package dev.llmplatform.compare;

import java.util.Locale;
import java.util.OptionalLong;

/** Human-readable numbers for the report; NaN and absent values print as "n/a". */
public final class Units {

    private static final String NA = "n/a";

    private Units() {
    }

    /** A parameter count: 292.1K, 134.1M, 7.62B. */
    public static String count(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fK", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fB", n / 1e9);
    }

    /** Bytes in binary units: 1.1 MiB, 74.5 MiB, 4.37 GiB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    /** KiB (as /proc reports) in binary units, or n/a. */
    public static String kib(OptionalLong kib) {
        return kib.isPresent() ? bytes(kib.getAsLong() * 1024) : NA;
    }

    /** A number with {@code decimals} decimals followed by a unit, or n/a. */
    public static String number(double value, int decimals, String unit) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return NA;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** An optional integer, or n/a. */
    public static String optional(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : NA;
    }
}
