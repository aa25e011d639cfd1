package dev.llmplatform.bench.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessRssTest {

    @Test
    void parsesProcStatusLines() {
        assertEquals(123456, ProcessRss.parseKib("VmRSS:\t  123456 kB"));
        assertEquals(0, ProcessRss.parseKib("VmRSS: 0 kB"));
        assertThrows(IllegalArgumentException.class, () -> ProcessRss.parseKib("VmRSS: 12 MB"));
    }

    @Test
    void readsThisProcessesRss() {
        long kib = ProcessRss.rssKib(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(kib > 1024, "a JVM uses more than 1 MiB: " + kib);
        assertTrue(ProcessRss.rssKib(Long.MAX_VALUE).isEmpty());
    }
}
