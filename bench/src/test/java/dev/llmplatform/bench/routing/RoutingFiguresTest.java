package dev.llmplatform.bench.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testkit.client.StreamResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingFiguresTest {

    private static RoutedTurn turn(int turn, long ttftMs, int prompt, int cached, int previousPrompt) {
        StreamResult result = new StreamResult(StreamResult.Outcome.COMPLETED, "", ttftMs * 1_000_000,
                (ttftMs + 10) * 1_000_000, 8, "answer", 0, "length");
        return new RoutedTurn(0, turn, result, prompt, cached, previousPrompt);
    }

    @Test
    void aLaterTurnIsWarmWhenItsReplicaReusedAtLeastHalfOfThePreviousPrompt() {
        assertTrue(turn(1, 5, 460, 420, 420).warm(), "the whole previous prompt reused");
        assertTrue(turn(1, 5, 460, 210, 420).warm(), "half of it: the answer re-rendered differently");
        assertFalse(turn(1, 5, 460, 209, 420).warm());
        assertFalse(turn(1, 5, 460, 6, 420).warm(), "only the opening words every conversation shares");
        assertFalse(turn(0, 5, 420, 0, 0).warm(), "a first turn is never warm");
        assertFalse(turn(1, 5, -1, -1, 420).warm(), "no usage reported");
    }

    @Test
    void figuresCountTheLaterTurnsOfCompletedStreamsOnly() {
        StreamResult failed = StreamResult.failed("HTTP 503", 1_000_000);
        List<RoutedTurn> turns = List.of(turn(0, 40, 420, 1, 0), turn(1, 8, 460, 419, 420),
                turn(2, 9, 500, 459, 460), turn(3, 30, 540, 5, 500), turn(0, 42, 410, 1, 0),
                new RoutedTurn(1, 1, failed, -1, -1, 410));
        RoutingFigures figures = RoutingFigures.of(turns);
        assertEquals(6, figures.turns());
        assertEquals(1, figures.failed());
        assertEquals(3, figures.laterTurns());
        assertEquals(2.0 / 3, figures.warmShare(), 1e-9);
        assertEquals((419 + 459 + 5) / 1500.0, figures.reusedShare(), 1e-9);
        assertEquals(2, figures.ttftFirstMs().n());
        assertEquals(9.0, figures.ttftLaterMs().p50(), 1e-9);
    }
}
