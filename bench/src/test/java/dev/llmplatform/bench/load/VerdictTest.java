package dev.llmplatform.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void allZeroPasses() {
        Verdict verdict = new Verdict(Map.of("crashes", 0L, "invalid UTF-8 chunks", 0L));
        assertTrue(verdict.passed());
        assertEquals(0, verdict.exitStatus());
        assertTrue(verdict.violations().isEmpty());
    }

    @Test
    void anyNonZeroFailsAndIsNamed() {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("crashes", 0L);
        figures.put("tokens lost or duplicated", 3L);
        figures.put("slots still busy after the run", 1L);
        Verdict verdict = new Verdict(figures);
        assertFalse(verdict.passed());
        assertEquals(1, verdict.exitStatus());
        assertEquals(List.of("tokens lost or duplicated", "slots still busy after the run"),
                List.copyOf(verdict.violations().keySet()));
    }

    @Test
    void negativeValuesAreViolationsToo() {
        assertFalse(new Verdict(Map.of("replicas not answering after the run", -1L)).passed());
    }

    @Test
    void figuresAreCopied() {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("crashes", 0L);
        Verdict verdict = new Verdict(figures);
        figures.put("crashes", 5L);
        assertTrue(verdict.passed());
    }
}
