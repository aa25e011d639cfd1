package dev.llmplatform.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testkit.client.StreamResult.Outcome;
import dev.llmplatform.testkit.client.StreamResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficFiguresTest {

    private static final long MS = 1_000_000;

    private static StreamResult completed(long ttftMs, long totalMs, int tokens) {
        return new StreamResult(Outcome.COMPLETED, "", ttftMs * MS, totalMs * MS, tokens, "x", 0, "length");
    }

    @Test
    void countsOutcomesErrorsAndRejections() {
        List<StreamResult> results = List.of(
                completed(10, 110, 11),
                completed(20, 220, 21),
                new StreamResult(Outcome.CANCELLED, "", 5 * MS, 50 * MS, 4, "abcd", 0, ""),
                StreamResult.failed("HTTP 429", 3 * MS),
                StreamResult.failed("HTTP 429", 3 * MS),
                StreamResult.failed("WS error frame rate_limit_exceeded", 3 * MS),
                new StreamResult(Outcome.TRUNCATED, "SSE connection reset", 5 * MS, 9 * MS, 1, "a", 1, ""),
                new StreamResult(Outcome.HUNG, "WS deadline", -1, 120_000 * MS, 0, "", 0, ""));
        TrafficFigures f = TrafficFigures.of(results, 2.0);
        assertEquals(8, f.sent());
        assertEquals(2, f.completed());
        assertEquals(3, f.failed());
        assertEquals(1, f.cancelled());
        assertEquals(1, f.truncated());
        assertEquals(1, f.hung());
        assertEquals(3, f.rejected());
        assertEquals(3.0 / 8, f.rejectionRate());
        assertEquals(1, f.invalidUtf8());
        assertEquals(Map.of("HTTP 429", 2L, "WS error frame rate_limit_exceeded", 1L, "SSE connection reset", 1L,
                "WS deadline", 1L), f.errorsByClass());
        assertEquals(11 + 21 + 4, f.tokens(), "tokens of completed and cancelled streams");
        assertEquals(36 / 2.0, f.tokensPerSecond());
    }

    @Test
    void latencyPercentilesComeFromCompletedStreamsOnly() {
        List<StreamResult> results = List.of(completed(10, 110, 11), completed(30, 230, 21),
                StreamResult.failed("HTTP 503", 1 * MS));
        TrafficFigures f = TrafficFigures.of(results, 1.0);
        assertEquals(2, f.ttftMs().n());
        assertEquals(10.0, f.ttftMs().p50());
        assertEquals(30.0, f.ttftMs().p99());
        assertEquals(10.0, f.tpotMs().p50(), "(110 - 10) ms / (11 - 1) tokens");
        assertEquals(230.0, f.e2eMs().p99());
    }

    @Test
    void emptyRunHasNanRates() {
        TrafficFigures f = TrafficFigures.of(List.of(), 0);
        assertEquals(0, f.sent());
        assertTrue(Double.isNaN(f.rejectionRate()));
        assertTrue(Double.isNaN(f.tokensPerSecond()));
        assertTrue(Double.isNaN(f.ttftMs().p50()));
    }

    @Test
    void rejectionClassesAreRecognised() {
        assertTrue(TrafficFigures.isRejection("HTTP 429"));
        assertTrue(TrafficFigures.isRejection("gRPC RESOURCE_EXHAUSTED"));
        assertTrue(TrafficFigures.isRejection("SSE error event rate_limit_exceeded"));
        assertEquals(false, TrafficFigures.isRejection("HTTP 503"));
        assertEquals(false, TrafficFigures.isRejection("WS close 1011"));
    }
}
