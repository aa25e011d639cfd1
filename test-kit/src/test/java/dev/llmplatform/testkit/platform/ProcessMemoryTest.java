package dev.llmplatform.testkit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    private static final List<String> STATUS = List.of("Name:\tjava", "VmPeak:\t 5000000 kB", "VmHWM:\t  654321 kB",
            "VmRSS:\t  123456 kB", "Threads:\t42");

    @Test
    void parsesProcStatusLines() {
        assertEquals(123456, ProcessMemory.parseKib("VmRSS:\t  123456 kB"));
        assertEquals(0, ProcessMemory.parseKib("VmRSS: 0 kB"));
        assertThrows(IllegalArgumentException.class, () -> ProcessMemory.parseKib("VmRSS: 12 MB"));
    }

    @Test
    void parsesKibFieldsOfAStatusFile() {
        assertEquals(OptionalLong.of(123_456), ProcessMemory.field(STATUS, "VmRSS"));
        assertEquals(OptionalLong.of(654_321), ProcessMemory.field(STATUS, "VmHWM"));
        assertEquals(OptionalLong.empty(), ProcessMemory.field(STATUS, "VmSwap"));
    }

    @Test
    void refusesAFieldInAnotherUnit() {
        assertThrows(IllegalArgumentException.class, () -> ProcessMemory.field(List.of("VmRSS: 12 MB"), "VmRSS"));
    }

    @Test
    void readsThisJvmsOwnMemory() {
        long pid = ProcessHandle.current().pid();
        long rss = ProcessMemory.rssKib(pid).orElseThrow();
        long hwm = ProcessMemory.peakRssKib(pid).orElseThrow();
        assertTrue(rss > 10_000, "a JVM is bigger than 10 MiB, got " + rss + " KiB");
        assertTrue(hwm >= rss, "peak " + hwm + " below current " + rss);
        assertEquals(OptionalLong.empty(), ProcessMemory.rssKib(Long.MAX_VALUE));
        assertTrue(ProcessMemory.kib(Long.MAX_VALUE, "VmHWM").isEmpty());
    }
}
