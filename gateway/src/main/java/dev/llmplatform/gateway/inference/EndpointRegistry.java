package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.grpc.InferenceChannels;
import dev.llmplatform.gateway.grpc.Reconnect;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.MutinyInferenceServiceGrpc;
import io.grpc.Status;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The inference endpoints, discovered ({@link EndpointDiscovery}: Stork's static list or Kubernetes endpoints) and
 * probed periodically with GetModelInfo and GetLoad, so requests can be routed by model to a ready, least-loaded
 * endpoint.
 */
@ApplicationScoped
public class EndpointRegistry {

    private static final Logger LOG = Logger.getLogger(EndpointRegistry.class);

    private final InferenceChannels channels;
    private final EndpointDiscovery discovery;
    private final GatewayConfig config;
    private final Runnable refreshed;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Set<String> tokenRefused = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private volatile String lastRefreshError;
    private volatile boolean discoveredOnce;

    @Inject
    EndpointRegistry(InferenceChannels channels, EndpointDiscovery discovery, GatewayConfig config,
            Event<EndpointsRefreshed> refreshed) {
        this(channels, discovery, config, () -> refreshed.fire(new EndpointsRefreshed()));
    }

    /** A registry that runs {@code afterRefresh} after every refresh (readiness or slots may have changed). */
    EndpointRegistry(InferenceChannels channels, EndpointDiscovery discovery, GatewayConfig config,
            Runnable afterRefresh) {
        this.channels = channels;
        this.discovery = discovery;
        this.config = config;
        this.refreshed = afterRefresh;
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "inference-endpoint-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long period = config.inference().refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** All known endpoints serving {@code model} (ready or not). */
    public List<Endpoint> endpointsFor(String model) {
        return endpoints.values().stream().filter(e -> model.equals(e.model())).toList();
    }

    /** Names of the models with at least one ready endpoint, sorted. */
    public Set<String> readyModels() {
        return endpoints.values().stream().filter(Endpoint::ready).map(Endpoint::model)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** All known endpoints. */
    public Collection<Endpoint> all() {
        return List.copyOf(endpoints.values());
    }

    /**
     * Rediscovers the endpoints and probes each; completes when every probe has answered or failed, and then tells
     * admission that readiness or slots may have changed.
     */
    public Uni<Void> refresh() {
        return discovery.addresses()
                .onItem().transformToUni(addresses -> {
                    List<Endpoint> current = sync(addresses);
                    if (current.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Uni<Void>> probes = new ArrayList<>();
                    current.forEach(e -> probes.add(probe(e)));
                    return Uni.join().all(probes).andCollectFailures().replaceWithVoid();
                }).eventually(refreshed);
    }

    /** Marks an endpoint not ready until its next successful probe (called when a call to it fails to connect). */
    public void markUnreachable(Endpoint endpoint) {
        endpoint.unreachable();
    }

    /**
     * Takes an endpoint out of routing because a call to it went silent (a stopped or hung process keeps its
     * connections, so nothing fails): it comes back when a probe started after this succeeds.
     */
    public void markSuspect(Endpoint endpoint) {
        endpoint.suspect();
    }

    /** The sum of the slots of the ready endpoints of a model: how many of its requests can run at once. */
    public int readySlots(String model) {
        return endpoints.values().stream().filter(e -> e.ready() && model.equals(e.model()))
                .mapToInt(Endpoint::slots).sum();
    }

    /** Whether the first round of discovery and probes has ended (whatever it found). */
    public boolean discoveredOnce() {
        return discoveredOnce;
    }

    private void refreshQuietly() {
        try {
            refresh().await().atMost(config.inference().probeDeadline().multipliedBy(3).plus(Duration.ofSeconds(1)));
            lastRefreshError = null;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(lastRefreshError)) {
                LOG.warnf("Inference endpoint discovery failed: %s", message);
            }
            lastRefreshError = message;
        } finally {
            discoveredOnce = true;
        }
    }

    private List<Endpoint> sync(List<String> addresses) {
        Set<String> seen = Set.copyOf(addresses);
        for (String address : seen) {
            endpoints.computeIfAbsent(address, a -> new Endpoint(a, channels.channel(a)));
        }
        for (String address : List.copyOf(endpoints.keySet())) {
            if (!seen.contains(address)) {
                endpoints.remove(address);
                channels.forget(address);
                LOG.infof("Inference endpoint %s removed", address);
            }
        }
        return List.copyOf(endpoints.values());
    }

    private Uni<Void> probe(Endpoint endpoint) {
        long deadline = config.inference().probeDeadline().toMillis();
        var stub = MutinyInferenceServiceGrpc.newMutinyStub(endpoint.channel());
        boolean wasReady = endpoint.ready();
        long started = System.nanoTime();
        return Reconnect.now(endpoint.channel())
                .chain(ignored -> stub.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                        .getModelInfo(GetModelInfoRequest.getDefaultInstance()))
                .chain(info -> stub.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                        .getLoad(GetLoadRequest.getDefaultInstance())
                        .invoke(load -> endpoint.probed(info, load, started)))
                .invoke(() -> {
                    tokenRefused.remove(endpoint.address());
                    if (!wasReady && endpoint.ready()) {
                        LOG.infof("Inference endpoint %s ready with model '%s'", endpoint.address(), endpoint.model());
                    }
                })
                .onFailure().invoke(failure -> {
                    endpoint.unreachable();
                    Status.Code code = Status.fromThrowable(failure).getCode();
                    if (code == Status.Code.UNAUTHENTICATED) {
                        if (tokenRefused.add(endpoint.address())) {
                            LOG.warnf("Inference endpoint %s refused the gateway's gRPC token: set LLM_GRPC_TOKEN to the"
                                    + " value the inference services use", endpoint.address());
                        }
                    } else if (wasReady && code == Status.Code.DEADLINE_EXCEEDED) {
                        LOG.warnf("Inference endpoint %s did not answer its probe within %d ms (stopped or hung);"
                                + " out of routing until it answers again", endpoint.address(), deadline);
                    } else if (wasReady) {
                        LOG.warnf("Inference endpoint %s not reachable: %s", endpoint.address(), failure.getMessage());
                    }
                })
                .replaceWithVoid();
    }
}
