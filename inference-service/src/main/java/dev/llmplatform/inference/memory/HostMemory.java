package dev.llmplatform.inference.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Memory the model may still take on this host or in this container: the smaller of the host's {@code MemAvailable}
 * and what the cgroup limit leaves ({@code memory.max - memory.current} in cgroup v2, {@code limit_in_bytes -
 * usage_in_bytes} in v1), less what the JVM heap may still grow by ({@code -Xmx} minus what is committed now). A
 * container's limit, not the node's free memory, is what the kernel enforces with the OOM killer.
 *
 * @param meminfoAvailable {@code MemAvailable} of {@code /proc/meminfo}, when readable
 * @param cgroupFree       limit minus usage of the process's memory cgroup, when limited
 * @param heapHeadroom     bytes the Java heap may still grow by
 */
public record HostMemory(OptionalLong meminfoAvailable, OptionalLong cgroupFree, long heapHeadroom) {

    /** No cgroup v1 limit is written as a number this large or larger (the kernel's "unlimited"). */
    private static final long CGROUP_V1_UNLIMITED = 1L << 60;

    /** Bytes the model may take: the tighter of the two readings, less the heap's headroom; never negative. */
    public long availableBytes() {
        long available = Long.MAX_VALUE;
        if (meminfoAvailable.isPresent()) {
            available = meminfoAvailable.getAsLong();
        }
        if (cgroupFree.isPresent()) {
            available = Math.min(available, cgroupFree.getAsLong());
        }
        if (available == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(0, available - heapHeadroom);
    }

    /** A one-line description for the log. */
    public String describe() {
        return "MemAvailable " + mib(meminfoAvailable) + ", container limit leaves " + mib(cgroupFree)
                + ", heap may grow by " + MemoryEstimate.mib(heapHeadroom) + " MiB";
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? MemoryEstimate.mib(bytes.getAsLong()) + " MiB" : "(none)";
    }

    /** Reads this process's host and cgroup memory and the JVM's heap. */
    public static HostMemory read() {
        Runtime runtime = Runtime.getRuntime();
        return new HostMemory(meminfoAvailable(read(Path.of("/proc/meminfo"))),
                cgroupFree(read(Path.of("/sys/fs/cgroup/memory.max")), read(Path.of("/sys/fs/cgroup/memory.current")),
                        read(Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes")),
                        read(Path.of("/sys/fs/cgroup/memory/memory.usage_in_bytes"))),
                Math.max(0, runtime.maxMemory() - runtime.totalMemory()));
    }

    /** {@code MemAvailable} from the text of {@code /proc/meminfo}. */
    static OptionalLong meminfoAvailable(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemAvailable:")) {
                OptionalLong kib = number(line.replaceAll("[^0-9]", ""));
                return kib.isPresent() ? OptionalLong.of(kib.getAsLong() * 1024) : kib;
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Limit minus usage from cgroup v2 ({@code memory.max}, {@code memory.current}) or, when v2 files are absent,
     * v1; empty when unlimited or unreadable.
     */
    static OptionalLong cgroupFree(String v2Max, String v2Current, String v1Limit, String v1Usage) {
        if (!v2Max.isBlank()) {
            OptionalLong max = number(v2Max);
            OptionalLong current = number(v2Current);
            return max.isPresent() && current.isPresent()
                    ? OptionalLong.of(Math.max(0, max.getAsLong() - current.getAsLong())) : OptionalLong.empty();
        }
        OptionalLong limit = number(v1Limit);
        OptionalLong usage = number(v1Usage);
        if (limit.isEmpty() || usage.isEmpty() || limit.getAsLong() >= CGROUP_V1_UNLIMITED) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, limit.getAsLong() - usage.getAsLong()));
    }

    private static OptionalLong number(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String read(Path path) {
        try {
            return Files.isReadable(path) ? Files.readString(path) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
