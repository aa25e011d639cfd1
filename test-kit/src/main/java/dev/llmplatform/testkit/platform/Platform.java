package dev.llmplatform.testkit.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.await.Await;
import dev.llmplatform.testkit.client.GenerateClient;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.LoadProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged platform as separate processes on 127.0.0.1: a tokenizer service, one or more inference replicas and
 * a gateway routing to all of them, started from a {@link PlatformSpec}. {@link #start} returns once every process
 * is ready and the gateway routes to every replica; {@link #close} stops them (SIGTERM, then kill), gateway first.
 * The processes themselves ({@link ServiceProcess}) can be killed, frozen and restarted one by one for fault drills.
 */
public final class Platform implements AutoCloseable {

    private static final HttpJson HTTP = new HttpJson();
    private final PlatformSpec spec;
    private final ServiceProcess tokenizer;
    private final List<ServiceProcess> inference = new ArrayList<>();
    private final ServiceProcess gateway;

    private Platform(PlatformSpec spec) {
        this.spec = spec;
        tokenizer = spec.tokenizerProcess("tokenizer-service");
        spec.replicas().forEach(r -> inference.add(spec.inferenceProcess(r)));
        gateway = spec.gatewayProcess("gateway", tokenizer, inference, Map.of());
    }

    /**
     * Starts every process, waits until all are ready and the gateway routes to every replica; stops what started
     * when one fails.
     */
    public static Platform start(PlatformSpec spec) {
        Platform platform = new Platform(spec);
        try {
            platform.tokenizer.start();
            platform.inference.forEach(ServiceProcess::start);
            platform.gateway.start();
            platform.tokenizer.awaitReady(spec.startTimeout());
            platform.inference.forEach(p -> p.awaitReady(spec.startTimeout()));
            platform.gateway.awaitReady(spec.startTimeout());
            awaitRouted(platform.gateway, platform.inference.size(), spec.startTimeout());
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** The spec it was started from (to make more processes with the same settings). */
    public PlatformSpec spec() {
        return spec;
    }

    /** The tokenizer service. */
    public ServiceProcess tokenizer() {
        return tokenizer;
    }

    /** The inference replicas, in the order given to the gateway. */
    public List<ServiceProcess> inference() {
        return List.copyOf(inference);
    }

    /** The inference replica of that name. */
    public ServiceProcess inference(String name) {
        return inference.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no inference replica named " + name));
    }

    /** The gateway. */
    public ServiceProcess gateway() {
        return gateway;
    }

    /** Every process by name: the gateway, the tokenizer service, then the replicas. */
    public Map<String, ServiceProcess> all() {
        Map<String, ServiceProcess> all = new LinkedHashMap<>();
        all.put(gateway.name(), gateway);
        all.put(tokenizer.name(), tokenizer);
        inference.forEach(p -> all.put(p.name(), p));
        return all;
    }

    /** The shared gRPC token the services require, if any. */
    public Optional<String> grpcToken() {
        return spec.grpcToken();
    }

    /** A gRPC client of one replica that sends the platform's token. */
    public GenerateClient generateClient(ServiceProcess replica) {
        return new GenerateClient(replica.port(), GenerateClient.DEADLINE, grpcToken());
    }

    /** A load probe of one replica that sends the platform's token. */
    public LoadProbe loadProbe(ServiceProcess replica) {
        return new LoadProbe(replica.port(), grpcToken());
    }

    /**
     * Waits until a gateway routes to {@code endpoints} inference endpoints in all (the sum of {@code endpoints}
     * over {@code /v1/models}); it discovers them periodically.
     */
    public static void awaitRouted(ServiceProcess gateway, int endpoints, Duration timeout) {
        Await.until(() -> HTTP.get(gateway.baseUrl() + "/v1/models"), reply -> routedEndpoints(reply) == endpoints,
                timeout, Duration.ofMillis(250), gateway.name() + " routes to " + endpoints + " inference endpoints");
    }

    /** The inference endpoints a {@code /v1/models} answer lists, summed over its models; 0 for any other answer. */
    public static int routedEndpoints(HttpJson.Reply models) {
        if (models.status() != 200 || models.json() == null) {
            return 0;
        }
        int endpoints = 0;
        for (JsonNode model : models.json().path("data")) {
            endpoints += model.path("endpoints").asInt();
        }
        return endpoints;
    }

    /**
     * Stops every process (SIGTERM, then kill after 20 s): the gateway first, so that no new request reaches the
     * others, then the replicas and the tokenizer service together.
     */
    @Override
    public void close() {
        gateway.close();
        inference.forEach(ServiceProcess::terminate);
        tokenizer.terminate();
        inference.forEach(ServiceProcess::close);
        tokenizer.close();
    }
}
