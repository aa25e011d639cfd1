package dev.llmplatform.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void parsesValuesFlagsAndPositionals() {
        Options o = Options.parse(new String[] {"load", "--short", "--streams", "8", "--out=x.json"});
        assertEquals(List.of("load"), o.positional());
        assertTrue(o.flag("short"));
        assertEquals(8, o.integer("streams", 4, 1, 64));
        assertEquals("x.json", o.string("out", null));
        assertEquals(Duration.ofSeconds(60), o.seconds("phase-seconds", Duration.ofSeconds(60), 1, 3600));
        o.rejectUnknown();
    }

    @Test
    void refusesOutOfRangeNonNumericAndUnknown() {
        Options o = Options.parse(new String[] {"--streams", "0", "--runs", "many", "--typo", "1"});
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> o.integer("streams", 4, 1, 64));
        assertTrue(range.getMessage().contains("[1, 64], got 0"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.integer("runs", 3, 1, 10));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, o::rejectUnknown);
        assertTrue(unknown.getMessage().contains("--typo"), unknown.getMessage());
    }
}
