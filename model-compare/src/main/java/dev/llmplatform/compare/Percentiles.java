package dev.llmplatform.compare;

import java.util.Arrays;

/** Percentiles by linear interpolation between the closest ranks (numpy's default); NaN values are ignored. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The median; NaN when there is no value. */
    public static double p50(double[] values) {
        return percentile(values, 50);
    }

    /**
     * The {@code p}-th percentile, {@code p} in [0, 100]; NaN when there is no (non-NaN) value.
     *
     * @throws IllegalArgumentException when {@code p} is outside [0, 100]
     */
    public static double percentile(double[] values, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100 * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }
}
