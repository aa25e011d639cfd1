package dev.llmplatform.inference.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlotIdsTest {

    @Test
    void leasesTheLowestFreeSlot() {
        SlotIds ids = new SlotIds(3);
        assertEquals(0, ids.lease());
        assertEquals(1, ids.lease());
        assertEquals(2, ids.lease());
        ids.giveBack(1);
        ids.giveBack(0);
        assertEquals(0, ids.lease());
        assertEquals(1, ids.lease());
    }

    @Test
    void refusesALeaseBeyondTheCountAndAGiveBackOfAFreeSlot() {
        SlotIds ids = new SlotIds(1);
        ids.lease();
        assertEquals("all 1 slots are leased", assertThrows(IllegalStateException.class, ids::lease).getMessage());
        ids.giveBack(0);
        assertEquals("slot 0 is not leased",
                assertThrows(IllegalStateException.class, () -> ids.giveBack(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SlotIds(0));
    }
}
