package dev.llmplatform.testkit.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Resident memory of a process from {@code /proc/<pid>/status} (Linux): {@code VmRSS}, resident now, and
 * {@code VmHWM}, the kernel's high-water mark of resident memory. Empty where {@code /proc} cannot be read.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** {@code VmRSS} in KiB, or empty when the process is gone or /proc is not readable. */
    public static OptionalLong rssKib(long pid) {
        return kib(pid, "VmRSS");
    }

    /** {@code VmHWM} (peak resident memory so far) in KiB, or empty when the process is gone. */
    public static OptionalLong peakRssKib(long pid) {
        return kib(pid, "VmHWM");
    }

    /** A field ({@code VmRSS}, {@code VmHWM}) of {@code /proc/<pid>/status} in KiB; empty when unreadable. */
    public static OptionalLong kib(long pid, String field) {
        try {
            return field(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")), field);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Finds {@code field} in the lines of a status file and parses its value; empty when the field is absent. */
    public static OptionalLong field(List<String> statusLines, String field) {
        String prefix = field + ":";
        for (String line : statusLines) {
            if (line.startsWith(prefix)) {
                return OptionalLong.of(parseKib(line));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Parses a status line such as {@code "VmRSS:	  123456 kB"} into kibibytes.
     *
     * @throws IllegalArgumentException when the line has another unit or shape
     */
    public static long parseKib(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
            throw new IllegalArgumentException("unexpected /proc status line '" + line + "'");
        }
        return Long.parseLong(parts[0]);
    }
}
