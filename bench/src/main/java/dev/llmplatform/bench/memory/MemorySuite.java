package dev.llmplatform.bench.memory;

import dev.llmplatform.bench.BenchMain;
import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.cli.Table;
import dev.llmplatform.bench.platform.ModelChoice;
import dev.llmplatform.bench.platform.PlatformConfig;
import dev.llmplatform.testkit.platform.PlatformSpec;
import dev.llmplatform.testkit.platform.ServiceProcess;
import dev.llmplatform.testkit.stats.Percentiles;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suite {@code memory}: start-to-ready time and idle resident memory of each service, started one after another
 * (tokenizer, inference, gateway) so they do not compete for the cores, against a bare JVM serving a health
 * endpoint ({@link IdleJvm}) started the same way.
 */
public final class MemorySuite {

    private MemorySuite() {
    }

    /** Runs the suite; returns the exit status. */
    public static int run(Options options) {
        int runs = options.integer("runs", 3, 1, 20);
        Duration settle = options.seconds("settle-seconds", Duration.ofSeconds(5), 0, 600);
        ModelChoice model = ModelChoice.resolve(options.string("model", "stories260k"));
        Path logs = Path.of(options.string("logs", "bench/target/bench-logs"));
        options.rejectUnknown();
        PlatformConfig config = new PlatformConfig(model.path(), model.servedName(), 1, 1, 1, 512, logs);
        PlatformSpec spec = config.spec();
        Map<String, List<Double>> startMs = new LinkedHashMap<>();
        Map<String, List<Double>> rssMib = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            System.out.printf("-- run %d of %d%n", r + 1, runs);
            List<ServiceProcess> started = new ArrayList<>();
            try {
                ServiceProcess idle = new ServiceProcess("idle-jvm", benchJar(), ServiceProcess.freePort(),
                        Map.of(IdleJvm.PROPERTY, "true"), Map.of(), logs);
                ServiceProcess tokenizer = spec.tokenizerProcess("tokenizer-service");
                ServiceProcess inference = spec.inferenceProcess(new PlatformSpec.Replica("inference-"
                        + model.servedName(), model.path(), config.replicaEnv()));
                Map<String, ServiceProcess> services = new LinkedHashMap<>();
                services.put("idle JVM (baseline)", idle);
                services.put("tokenizer-service", tokenizer);
                services.put("inference-service (" + model.servedName() + ")", inference);
                for (Map.Entry<String, ServiceProcess> e : services.entrySet()) {
                    startMs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(timeToReady(e.getValue(),
                            started));
                }
                ServiceProcess gateway = spec.gatewayProcess("gateway", tokenizer, List.of(inference), Map.of());
                services.put("gateway", gateway);
                startMs.computeIfAbsent("gateway", k -> new ArrayList<>()).add(timeToReady(gateway, started));
                sleep(settle);
                services.forEach((name, process) -> process.rssKib().ifPresent(kib -> rssMib
                        .computeIfAbsent(name, k -> new ArrayList<>()).add(kib / 1024.0)));
            } finally {
                for (int i = started.size() - 1; i >= 0; i--) {
                    started.get(i).close();
                }
            }
        }
        Table table = new Table("start-to-ready and idle RSS (medians of " + runs + " runs; settle "
                + settle.toSeconds() + " s)", "process", "start-to-ready ms", "x idle JVM", "idle RSS MiB",
                "x idle JVM");
        double baseStart = Percentiles.of(startMs.get("idle JVM (baseline)")).median();
        double baseRss = Percentiles.of(rssMib.getOrDefault("idle JVM (baseline)", List.of())).median();
        startMs.forEach((name, times) -> {
            double start = Percentiles.of(times).median();
            double rss = Percentiles.of(rssMib.getOrDefault(name, List.of())).median();
            table.row(name, start, start / baseStart, rss, rss / baseRss);
        });
        table.print(System.out);
        return 0;
    }

    private static double timeToReady(ServiceProcess process, List<ServiceProcess> started) {
        long start = System.nanoTime();
        process.start();
        started.add(process);
        process.awaitReady(ServiceProcess.START_TIMEOUT);
        return (System.nanoTime() - start) / 1e6;
    }

    private static Path benchJar() {
        try {
            return Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate bench.jar", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
