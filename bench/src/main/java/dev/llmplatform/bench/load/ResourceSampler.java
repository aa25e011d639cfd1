package dev.llmplatform.bench.load;

import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.testkit.client.LoadProbe;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the platform every 250 ms on a daemon thread: the inference replicas' load ({@code GetLoad}) for the
 * peak queue depth, each service's resident memory ({@code /proc/<pid>/status}), and whether a process died
 * without the harness stopping it (a crash).
 */
final class ResourceSampler implements AutoCloseable {

    private static final long PERIOD_MS = 250;
    private final Map<String, ServiceProcess> processes;
    private final List<LoadProbe> probes = new ArrayList<>();
    private final Set<String> expectedDown = ConcurrentHashMap.newKeySet();
    private final Set<String> crashed = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> peakRssKib = new ConcurrentHashMap<>();
    private final AtomicInteger peakWaiting = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    private final AtomicLong crashes = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    ResourceSampler(Platform platform) {
        processes = platform.all();
        platform.inference().forEach(p -> probes.add(platform.loadProbe(p)));
        thread = new Thread(this::loop, "bench-sampler");
        thread.setDaemon(true);
    }

    ResourceSampler start() {
        thread.start();
        return this;
    }

    /** The harness is about to stop this service on purpose. */
    void expectDown(String role) {
        expectedDown.add(role);
    }

    /** The harness restarted this service. */
    void expectUp(String role) {
        expectedDown.remove(role);
    }

    /** The current load of every replica that answers. */
    List<LoadReport> loads() {
        List<LoadReport> reports = new ArrayList<>();
        probes.forEach(p -> p.tryLoad().ifPresent(reports::add));
        return reports;
    }

    /** Requests generating now on replica {@code index} (0-based), or 0 when it does not answer. */
    int running(int index) {
        return probes.get(index).tryLoad().map(LoadReport::getRunning).orElse(0);
    }

    /** Running plus waiting requests over all replicas that answer. */
    int busy() {
        return loads().stream().mapToInt(r -> r.getRunning() + r.getWaiting()).sum();
    }

    /** Current RSS of a service in KiB. */
    OptionalLong rssKib(String role) {
        return processes.get(role).rssKib();
    }

    Map<String, Long> peakRssKib() {
        return Map.copyOf(peakRssKib);
    }

    int peakQueueDepth() {
        return peakWaiting.get();
    }

    int peakRunning() {
        return peakRunning.get();
    }

    long crashes() {
        return crashes.get();
    }

    Set<String> crashedRoles() {
        return Set.copyOf(crashed);
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One sample; also called once more at the end. */
    void sample() {
        List<LoadReport> reports = loads();
        peakWaiting.accumulateAndGet(reports.stream().mapToInt(LoadReport::getWaiting).sum(), Math::max);
        peakRunning.accumulateAndGet(reports.stream().mapToInt(LoadReport::getRunning).sum(), Math::max);
        processes.forEach((role, process) -> {
            if (!process.isAlive() && !expectedDown.contains(role) && crashed.add(role)) {
                crashes.incrementAndGet();
            }
            rssKib(role).ifPresent(kib -> peakRssKib.merge(role, kib, Math::max));
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probes.forEach(LoadProbe::close);
    }
}
