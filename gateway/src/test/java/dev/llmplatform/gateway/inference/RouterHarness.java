package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.backend.Progress;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.fakes.GrpcFakes;
import dev.llmplatform.gateway.grpc.InferenceChannels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gRPC router built by hand in front of {@link GrpcFakes}, with the settings a test asks for (the gateway's
 * defaults otherwise), a fixed discovery of the two fake endpoints, a simple meter registry, and probes only when the
 * test refreshes. No Quarkus: a setting costs no restart.
 */
final class RouterHarness implements AutoCloseable {

    final GrpcFakes fakes = GrpcFakes.start();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final EndpointRegistry registry;
    final GrpcInferenceBackend backend;
    private final InferenceChannels channels;
    private final Vertx vertx = Vertx.vertx();

    RouterHarness(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(Map.of("gateway.tokenizer.address", "127.0.0.1:1"));
        values.putAll(settings);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 500)).build();
        GatewayConfig gateway = config.getConfigMapping(GatewayConfig.class);
        channels = new InferenceChannels(Optional.ofNullable(settings.get("llm.grpc.token")), vertx);
        Admission[] admission = new Admission[1];
        registry = new EndpointRegistry(channels,
                () -> Uni.createFrom().item(Arrays.asList(fakes.inferenceAddresses().split(","))), gateway,
                () -> admission[0].onRefresh(new EndpointsRefreshed()));
        admission[0] = new Admission(gateway, registry);
        backend = new GrpcInferenceBackend(registry, admission[0], gateway, new GenerationMetrics(meters),
                GenerationTracing.none());
    }

    /** Probes every endpoint now. */
    void refresh() {
        registry.refresh().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        backend.stop();
        channels.close();
        fakes.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A listener that records what it is told. */
    static final class Recorder implements GenerationListener {
        final List<String> pieces = new CopyOnWriteArrayList<>();
        final List<Progress> progress = new CopyOnWriteArrayList<>();
        final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
        volatile boolean afterFirstChunk;

        @Override
        public void onChunk(String text, int tokens) {
            pieces.add(text);
        }

        @Override
        public void onProgress(Progress beat) {
            progress.add(beat);
        }

        @Override
        public void onFinal(GenerationResult finished) {
            result.complete(finished);
        }

        @Override
        public void onError(BackendFailure failure, boolean after) {
            afterFirstChunk = after;
            result.completeExceptionally(failure);
        }

        String text() {
            return String.join("", pieces);
        }
    }
}
