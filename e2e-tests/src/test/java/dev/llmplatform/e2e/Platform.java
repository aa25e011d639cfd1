package dev.llmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testsupport.ServiceProcess;
import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The platform as separate processes, started once for all end-to-end tests: a tokenizer service on the asset
 * tokenizers, three inference services (the trained stories260K model twice, as two replicas of one model for
 * failover, and the random-weight 134M model whose slow, EOS-free decoding makes mid-stream cancellation observable)
 * and a gateway in front of them.
 */
final class Platform {

    static final String STORIES = "stories260k";
    static final String RANDOM = "random-134m-q4_0";
    private static final Duration START = Duration.ofSeconds(180);
    private static Platform instance;

    final ServiceProcess tokenizer;
    final ServiceProcess stories;
    final ServiceProcess storiesReplica;
    final ServiceProcess random;
    final ServiceProcess gateway;

    private Platform() {
        Path logs = Path.of("target", "e2e-logs").toAbsolutePath();
        tokenizer = new ServiceProcess("tokenizer-service", ServiceProcess.packagedJar("tokenizer-service"),
                ServiceProcess.freePort(), Map.of(),
                Map.of("LLM_TOKENIZERS_DIR", TestAssets.dir("tokenizers").toString()), logs);
        stories = inference("inference-stories", TestAssets.file("models/stories260K.gguf"), logs);
        storiesReplica = inference("inference-stories-replica", TestAssets.file("models/stories260K.gguf"), logs);
        random = inference("inference-random", TestAssets.file("models/random-134m-q4_0.gguf"), logs);
        gateway = new ServiceProcess("gateway", ServiceProcess.packagedJar("gateway"), ServiceProcess.freePort(),
                Map.of(), Map.of("TOKENIZER_ADDRESS", "127.0.0.1:" + tokenizer.port(),
                        "INFERENCE_ENDPOINTS", "127.0.0.1:" + stories.port() + ",127.0.0.1:" + storiesReplica.port()
                                + ",127.0.0.1:" + random.port()),
                logs);
    }

    private static ServiceProcess inference(String name, Path model, Path logs) {
        return new ServiceProcess(name, ServiceProcess.packagedJar("inference-service"), ServiceProcess.freePort(),
                Map.of(), Map.of("LLM_MODEL", model.toString(), "LLM_THREADS", "1"), logs);
    }

    /** The running platform; starts it on first use and stops it when the test JVM exits. */
    static synchronized Platform get() {
        if (instance == null) {
            Platform platform = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop));
            platform.tokenizer.start();
            platform.stories.start();
            platform.storiesReplica.start();
            platform.random.start();
            platform.gateway.start();
            platform.tokenizer.awaitReady(START);
            platform.stories.awaitReady(START);
            platform.storiesReplica.awaitReady(START);
            platform.random.awaitReady(START);
            platform.gateway.awaitReady(START);
            platform.awaitAllEndpointsRouted();
            instance = platform;
        }
        return instance;
    }

    /** Waits until the gateway routes to all three inference processes (it discovers them periodically). */
    private void awaitAllEndpointsRouted() {
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            Http.Reply models = Http.get(gateway.baseUrl() + "/v1/models");
            int endpoints = 0;
            for (JsonNode model : models.body() == null ? List.<JsonNode>of()
                    : models.body().path("data").findParents("endpoints")) {
                endpoints += model.path("endpoints").asInt();
            }
            if (endpoints == 3) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway routes to " + endpoints + " of 3 inference endpoints: "
                        + models.raw());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Restarts the tokenizer service after a test stopped it. */
    void restartTokenizer() {
        tokenizer.close();
        tokenizer.start().awaitReady(START);
    }

    private void stop() {
        gateway.close();
        random.close();
        storiesReplica.close();
        stories.close();
        tokenizer.close();
    }
}
