package dev.llmplatform.inference.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PieceIdsTest {

    private static final int NORMAL = 1;
    private static final int CONTROL = 3;
    private static final int BYTE = 6;

    @Test
    void aPieceResolvesToTheOneTokenThatRendersItPreferringANormalTokenOverAByteToken() {
        PieceIds ids = PieceIds.of(List.of("<s>", "A", " the", "A", "x", "x", ""),
                new int[] {CONTROL, BYTE, NORMAL, NORMAL, NORMAL, NORMAL, NORMAL});
        assertEquals(2, ids.id(" the"));
        assertEquals(3, ids.id("A"), "the normal token wins over the byte token");
        assertEquals(PieceIds.NONE, ids.id("x"), "two normal tokens render x");
        assertEquals(PieceIds.NONE, ids.id("<s>"), "control tokens stream as nothing");
        assertEquals(PieceIds.NONE, ids.id(""));
        assertEquals(PieceIds.NONE, ids.id("missing"));
    }

    @Test
    void aTrailEndsAtTheFirstUnresolvedPieceAndTheLastSampledTokenIsNotHeld() {
        PieceIds ids = PieceIds.of(List.of("a", "b", "c"), new int[0]);
        PieceIds.Trail trail = ids.trail();
        trail.add("a");
        trail.add("b");
        trail.add("c");
        assertArrayEquals(new int[] {9, 9, 0, 1}, trail.held(new int[] {9, 9}, 3));
        trail.add("");
        trail.add("a");
        assertArrayEquals(new int[] {9, 0, 1, 2}, trail.held(new int[] {9}, 5),
                "an end-of-sequence piece ends the trail; what came before is held");
        assertArrayEquals(new int[] {9}, PieceIds.none().trail().held(new int[] {9}, 4));
    }
}
