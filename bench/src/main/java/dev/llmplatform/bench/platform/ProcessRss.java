package dev.llmplatform.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** Resident memory of processes, from {@code /proc/<pid>/status} (Linux). */
public final class ProcessRss {

    private ProcessRss() {
    }

    /**
     * The pid of the child JVM of this process that was started with {@code -Dquarkus.http.port=<port>}; the
     * services are started by {@link dev.llmplatform.testsupport.ServiceProcess}, which passes that property.
     */
    public static Optional<Long> childPidOnPort(int port) {
        String marker = "-Dquarkus.http.port=" + port;
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.asList(args).contains(marker))
                        .orElse(p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
                .map(ProcessHandle::pid).findFirst();
    }

    /** VmRSS in KiB, or empty when the process is gone or /proc is not readable. */
    public static OptionalLong rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(parseKib(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Parses a {@code /proc/<pid>/status} line such as {@code "VmRSS:	  123456 kB"} into kibibytes. */
    public static long parseKib(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
        long value = Long.parseLong(parts[0]);
        if (parts.length > 1 && !parts[1].equalsIgnoreCase("kB")) {
            throw new IllegalArgumentException("unexpected unit in '" + line + "'");
        }
        return value;
    }
}
