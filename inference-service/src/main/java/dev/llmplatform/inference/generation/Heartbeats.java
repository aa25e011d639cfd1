package dev.llmplatform.inference.generation;

import dev.llmplatform.inference.config.InferenceConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@code Progress} message on every watched stream that has been silent for the heartbeat interval
 * ({@code inference.heartbeat-interval}): while a request is validated, waits for a slot, evaluates a long prompt,
 * or generates slowly. A caller that hears nothing for much longer than the interval knows the service has stalled.
 * One daemon thread checks every stream a few times per interval.
 */
@ApplicationScoped
public class Heartbeats {

    private final Set<EmitterSink> streams = ConcurrentHashMap.newKeySet();
    private final long intervalNanos;
    private final ScheduledExecutorService timer;

    @Inject
    Heartbeats(InferenceConfig config) {
        this(config.heartbeatInterval());
    }

    /** Heartbeats after {@code interval} of silence. */
    public Heartbeats(Duration interval) {
        this.intervalNanos = interval.toNanos();
        long tickMillis = Math.max(10, interval.toMillis() / 4);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "llm-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::beat, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Watches a stream until it finishes. */
    public void watch(EmitterSink stream) {
        streams.add(stream);
    }

    /** Stops watching a stream. */
    public void forget(EmitterSink stream) {
        streams.remove(stream);
    }

    private void beat() {
        long now = System.nanoTime();
        for (EmitterSink stream : streams) {
            try {
                stream.beatIfSilent(now, intervalNanos);
            } catch (RuntimeException e) {
                streams.remove(stream);
            }
        }
    }

    /** Stops the heartbeat thread. */
    @PreDestroy
    public void stop() {
        timer.shutdownNow();
    }
}
