package dev.llmplatform.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on: cores, memory, CPU model, Java. */
public final class MachineFacts {

    private MachineFacts() {
    }

    /** The facts as ordered key/value pairs. */
    public static Map<String, String> collect() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("time (UTC)", Instant.now().toString());
        facts.put("cores (available to the JVM)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        facts.put("cpu", cpuModel());
        facts.put("memory total", memTotal());
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("load average (1 min)", loadAverage());
        return facts;
    }

    /** Prints the facts. */
    public static void print(PrintStream out) {
        out.println("== machine");
        collect().forEach((k, v) -> out.println("  " + k + ": " + v));
    }

    private static String cpuModel() {
        return firstLineValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memTotal() {
        return firstLineValue(Path.of("/proc/meminfo"), "MemTotal");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstLineValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
