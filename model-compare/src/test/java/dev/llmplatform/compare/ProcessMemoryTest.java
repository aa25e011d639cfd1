package dev.llmplatform.compare;

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
        long rss = ProcessMemory.kib(pid, "VmRSS").orElseThrow();
        long hwm = ProcessMemory.kib(pid, "VmHWM").orElseThrow();
        assertTrue(rss > 10_000, "a JVM is bigger than 10 MiB, got " + rss + " KiB");
        assertTrue(hwm >= rss, "peak " + hwm + " below current " + rss);
        assertEquals(OptionalLong.empty(), ProcessMemory.kib(Long.MAX_VALUE, "VmRSS"));
    }
}
