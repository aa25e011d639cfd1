package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.grpc.ChannelPool;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.MutinyInferenceServiceGrpc;
import io.grpc.Status;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.ServiceInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
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
 * The inference endpoints, discovered through SmallRye Stork (static list from {@code INFERENCE_ENDPOINTS} locally,
 * Kubernetes endpoints in a cluster) and probed periodically with GetModelInfo and GetLoad, so requests can be routed
 * by model to a ready, least-loaded endpoint.
 */
@ApplicationScoped
public class EndpointRegistry {

    private static final Logger LOG = Logger.getLogger(EndpointRegistry.class);

    private final ChannelPool channels;
    private final GatewayConfig config;
    private final Event<EndpointsRefreshed> refreshed;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Set<String> tokenRefused = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private volatile String lastRefreshError;

    EndpointRegistry(ChannelPool channels, GatewayConfig config, Event<EndpointsRefreshed> refreshed) {
        this.channels = channels;
        this.config = config;
        this.refreshed = refreshed;
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

    /** Rediscovers the endpoints and probes each; completes when every probe has answered or failed. */
    public Uni<Void> refresh() {
        return Stork.getInstance().getService(config.inference().storkService()).getInstances()
                .onItem().transformToUni(instances -> {
                    List<Endpoint> current = sync(instances);
                    if (current.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Uni<Void>> probes = new ArrayList<>();
                    current.forEach(e -> probes.add(probe(e)));
                    return Uni.join().all(probes).andCollectFailures().replaceWithVoid();
                });
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

    private void refreshQuietly() {
        try {
            refresh().await().atMost(config.inference().probeDeadline().multipliedBy(3).plus(Duration.ofSeconds(1)));
            lastRefreshError = null;
            refreshed.fire(new EndpointsRefreshed());
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(lastRefreshError)) {
                LOG.warnf("Inference endpoint discovery failed: %s", message);
            }
            lastRefreshError = message;
        }
    }

    private List<Endpoint> sync(List<ServiceInstance> instances) {
        Set<String> seen = instances.stream().map(i -> hostPort(i.getHost(), i.getPort()))
                .collect(Collectors.toSet());
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
        return ChannelPool.connectingNow(endpoint.channel())
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

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
