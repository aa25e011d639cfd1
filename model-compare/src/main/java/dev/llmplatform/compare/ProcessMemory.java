package dev.llmplatform.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Resident memory of a process from {@code /proc/<pid>/status} (Linux): VmRSS now and VmHWM, the peak so far. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /**
     * The pid of the child JVM of this process started with {@code -Dquarkus.http.port=<port>}, which is how
     * {@link dev.llmplatform.testsupport.ServiceProcess} passes the port.
     */
    public static Optional<Long> childPidOnPort(int port) {
        String marker = "-Dquarkus.http.port=" + port;
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(marker))
                        .orElse(p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
                .map(ProcessHandle::pid).findFirst();
    }

    /** A field ({@code VmRSS}, {@code VmHWM}) of {@code /proc/<pid>/status} in KiB; empty when unreadable. */
    public static OptionalLong kib(long pid, String field) {
        try {
            return field(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")), field);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Finds {@code field} in the lines of a status file and parses its {@code "<n> kB"} value. */
    public static OptionalLong field(List<String> statusLines, String field) {
        String prefix = field + ":";
        for (String line : statusLines) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).strip().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected /proc status line '" + line + "'");
                }
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }
}
