package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void medianOfOddAndEvenCountsInterpolates() {
        assertEquals(3.0, Percentiles.p50(new double[] {5, 1, 3}));
        assertEquals(2.5, Percentiles.p50(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, Percentiles.p50(new double[] {7}));
    }

    @Test
    void otherPercentilesMatchNumpyLinear() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(1.0, Percentiles.percentile(values, 0));
        assertEquals(10.0, Percentiles.percentile(values, 100));
        assertEquals(9.55, Percentiles.percentile(values, 95), 1e-9);
        assertEquals(3.25, Percentiles.percentile(values, 25), 1e-9);
    }

    @Test
    void ignoresNaNAndGivesNaNWhenEmpty() {
        assertEquals(2.0, Percentiles.p50(new double[] {Double.NaN, 1, 3}));
        assertTrue(Double.isNaN(Percentiles.p50(new double[0])));
        assertTrue(Double.isNaN(Percentiles.p50(new double[] {Double.NaN})));
    }

    @Test
    void refusesPercentilesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(new double[] {1}, 101));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(new double[] {1}, Double.NaN));
    }
}
