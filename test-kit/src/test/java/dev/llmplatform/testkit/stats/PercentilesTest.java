package dev.llmplatform.testkit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        List<Integer> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add(i);
        }
        Percentiles p = Percentiles.of(values);
        assertEquals(50, p.at(50));
        assertEquals(90, p.at(90));
        assertEquals(99, p.at(99));
        assertEquals(100, p.at(100));
        assertEquals(1, p.at(0.5));
        assertEquals(50.5, p.median());
    }

    @Test
    void fewSamplesGiveTheMaximumAtHighPercentiles() {
        Percentiles p = Percentiles.of(3.0, 1.0, 2.0);
        assertEquals(2.0, p.at(50));
        assertEquals(3.0, p.at(90));
        assertEquals(3.0, p.at(99));
        assertEquals(2.0, p.median());
        assertEquals(3.0, p.max());
    }

    @Test
    void nanValuesAreDroppedAndEmptyGivesNan() {
        Percentiles p = Percentiles.of(Double.NaN, 4.0, Double.NaN);
        assertEquals(1, p.count());
        assertEquals(4.0, p.at(99));
        Percentiles empty = Percentiles.of();
        assertTrue(Double.isNaN(empty.at(50)));
        assertTrue(Double.isNaN(empty.median()));
        assertTrue(Double.isNaN(empty.interpolated(50)));
        assertEquals(0, empty.summary().n());
    }

    @Test
    void percentileOutsideRangeIsRefused() {
        Percentiles p = Percentiles.of(1.0);
        assertThrows(IllegalArgumentException.class, () -> p.at(0));
        assertThrows(IllegalArgumentException.class, () -> p.at(100.5));
        assertThrows(IllegalArgumentException.class, () -> p.at(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> p.interpolated(101));
        assertThrows(IllegalArgumentException.class, () -> p.interpolated(Double.NaN));
    }

    @Test
    void summaryHoldsTheThreePercentiles() {
        Percentiles.Summary s = Percentiles.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0)
                .summary();
        assertEquals(new Percentiles.Summary(10, 50.0, 90.0, 100.0), s);
    }

    @Test
    void medianOfOddAndEvenCountsInterpolates() {
        assertEquals(3.0, Percentiles.of(5, 1, 3).median());
        assertEquals(2.5, Percentiles.of(4, 1, 3, 2).median());
        assertEquals(7.0, Percentiles.of(7).median());
        assertEquals(3.0, Percentiles.of(5, 1, 3).interpolated(50));
        assertEquals(2.5, Percentiles.of(4, 1, 3, 2).interpolated(50));
    }

    @Test
    void interpolatedPercentilesMatchNumpyLinear() {
        Percentiles p = Percentiles.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertEquals(1.0, p.interpolated(0));
        assertEquals(10.0, p.interpolated(100));
        assertEquals(9.55, p.interpolated(95), 1e-9);
        assertEquals(3.25, p.interpolated(25), 1e-9);
    }

    @Test
    void medianIgnoresNaNAndIsNaNWhenNothingIsLeft() {
        assertEquals(2.0, Percentiles.of(Double.NaN, 1, 3).median());
        assertTrue(Double.isNaN(Percentiles.of(new double[0]).median()));
        assertTrue(Double.isNaN(Percentiles.of(Double.NaN).median()));
    }
}
