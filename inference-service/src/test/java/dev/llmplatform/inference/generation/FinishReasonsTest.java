package dev.llmplatform.inference.generation;

import static dev.llmplatform.proto.inference.v1.FinishReason.FINISH_REASON_CANCELLED;
import static dev.llmplatform.proto.inference.v1.FinishReason.FINISH_REASON_ERROR;
import static dev.llmplatform.proto.inference.v1.FinishReason.FINISH_REASON_LENGTH;
import static dev.llmplatform.proto.inference.v1.FinishReason.FINISH_REASON_STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FinishReasonsTest {

    @Test
    void errorWinsOverEverything() {
        assertEquals(FINISH_REASON_ERROR, FinishReasons.resolve(true, true, true, 3, true));
    }

    @Test
    void cancelledWinsOverStopAndLength() {
        assertEquals(FINISH_REASON_CANCELLED, FinishReasons.resolve(false, true, false, 3, false));
    }

    @Test
    void stopStringIsStop() {
        assertEquals(FINISH_REASON_STOP, FinishReasons.resolve(false, false, true, 3, false));
    }

    @Test
    void emptyLastTokenIsEndOfSequence() {
        assertEquals(FINISH_REASON_STOP, FinishReasons.resolve(false, false, false, 12, true));
    }

    @Test
    void naturalEndWithTextIsTheTokenBudget() {
        assertEquals(FINISH_REASON_LENGTH, FinishReasons.resolve(false, false, false, 40, false));
    }

    @Test
    void nothingGeneratedIsStop() {
        assertEquals(FINISH_REASON_STOP, FinishReasons.resolve(false, false, false, 0, false));
    }
}
