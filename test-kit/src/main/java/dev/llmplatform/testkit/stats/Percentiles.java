package dev.llmplatform.testkit.stats;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a sample, NaN values dropped, by either of two methods:
 * <ul>
 *   <li>{@link #at}: nearest rank, the p-th percentile of n sorted values is the value at rank
 *       {@code ceil(p / 100 * n)} (1-based); with few samples the high percentiles equal the maximum, so callers print
 *       the sample count next to them;</li>
 *   <li>{@link #interpolated}: linear interpolation between the closest ranks (numpy's default).</li>
 * </ul>
 * The {@link #median} is the same by both: the middle value, or the mean of the two middle values.
 */
public final class Percentiles {

    private final double[] sorted;

    private Percentiles(double[] sorted) {
        this.sorted = sorted;
    }

    /** The percentiles of the given values (NaN values are dropped). */
    public static Percentiles of(Collection<? extends Number> values) {
        return new Percentiles(values.stream().mapToDouble(Number::doubleValue).filter(v -> !Double.isNaN(v))
                .sorted().toArray());
    }

    /** The percentiles of the given values (NaN values are dropped). */
    public static Percentiles of(double... values) {
        double[] copy = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** Number of samples. */
    public int count() {
        return sorted.length;
    }

    /**
     * The p-th percentile by nearest rank, 0 &lt; p &lt;= 100; NaN when there are no samples.
     *
     * @throws IllegalArgumentException when p is outside (0, 100]
     */
    public double at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /**
     * The p-th percentile by linear interpolation between the closest ranks, 0 &lt;= p &lt;= 100; NaN when there are
     * no samples.
     *
     * @throws IllegalArgumentException when p is outside [0, 100]
     */
    public double interpolated(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100 * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }

    /** The median: the mean of the two middle values for an even count; NaN when there are no samples. */
    public double median() {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** The largest sample; NaN when there are none. */
    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** p50, p90 and p99 (nearest rank) in one record. */
    public Summary summary() {
        return new Summary(count(), at(50), at(90), at(99));
    }

    /** The usual three percentiles of a sample, with the sample count. */
    public record Summary(int n, double p50, double p90, double p99) {
    }
}
