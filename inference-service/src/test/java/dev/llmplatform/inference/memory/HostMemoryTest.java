package dev.llmplatform.inference.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HostMemoryTest {

    private static final long MIB = 1L << 20;

    @Test
    void readsMemAvailable() {
        assertEquals(OptionalLong.of(2048L * 1024), HostMemory.meminfoAvailable(
                "MemTotal:        8000000 kB\nMemFree:     1000 kB\nMemAvailable:       2048 kB\n"));
        assertEquals(OptionalLong.empty(), HostMemory.meminfoAvailable(""));
    }

    @Test
    void aContainerLimitIsWhatCountsNotTheNodesFreeMemory() {
        OptionalLong v2 = HostMemory.cgroupFree("6442450944\n", "1073741824\n", "", "");
        assertEquals(OptionalLong.of(5L << 30), v2);
        HostMemory memory = new HostMemory(OptionalLong.of(100L << 30), v2, 0);
        assertEquals(5L << 30, memory.availableBytes(), "the node's 100 GiB do not count inside a 6 GiB container");
    }

    @Test
    void unlimitedCgroupsFallBackToTheHost() {
        assertEquals(OptionalLong.empty(), HostMemory.cgroupFree("max\n", "123\n", "", ""));
        assertEquals(OptionalLong.empty(), HostMemory.cgroupFree("", "", "9223372036854771712", "5000"));
        assertEquals(OptionalLong.of(3000), HostMemory.cgroupFree("", "", "8000", "5000"), "cgroup v1");
        assertEquals(7L << 30, new HostMemory(OptionalLong.of(7L << 30), OptionalLong.empty(), 0).availableBytes());
    }

    @Test
    void whatTheHeapMayStillTakeIsNotTheModels() {
        HostMemory memory = new HostMemory(OptionalLong.of(4096 * MIB), OptionalLong.of(1024 * MIB), 256 * MIB);
        assertEquals(768 * MIB, memory.availableBytes());
        assertEquals(0, new HostMemory(OptionalLong.of(MIB), OptionalLong.empty(), 256 * MIB).availableBytes());
    }
}
