package dev.llmplatform.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Facts about the platform's services that every deployment artifact must agree with: the port each service
 * really listens on (TEAM conventions: one port for HTTP and gRPC), its health endpoints and metrics path, and the
 * models the deployments serve.
 */
enum Platform {
    GATEWAY("gateway", "gateway", 8080, "GATEWAY_PORT"),
    TOKENIZER("tokenizer-service", "tokenizer-service", 8081, "TOKENIZER_PORT"),
    INFERENCE("inference-service", "inference-service", 8082, "INFERENCE_PORT");

    /** Pod label naming the platform component (gateway, tokenizer, inference). */
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    /** Pod label naming the model an inference pod serves. */
    static final String MODEL_LABEL = "llm-platform/model";
    /** Label that lets an internal client's pods reach the gRPC services. */
    static final String CLIENT_LABEL = "llm-platform/client";
    static final String NAMESPACE = "llm-platform";

    static final String STARTED_PATH = "/q/health/started";
    static final String READY_PATH = "/q/health/ready";
    static final String LIVE_PATH = "/q/health/live";

    /** Served names of the reference models (Q4_K_M GGUF), one inference workload each. */
    static final List<String> REFERENCE_MODELS =
            List.of("phi-3-mini-128k-instruct", "qwen2.5-7b-instruct-1m", "falcon3-7b-base");
    /** The small chat model that answers first after a fresh start (compose's default, a workload of its own). */
    static final String QUICKSTART_MODEL = "qwen2.5-0.5b-instruct";
    /** Every model the Kubernetes overlays serve. */
    static final List<String> SERVED_MODELS = List.of(QUICKSTART_MODEL, "phi-3-mini-128k-instruct",
            "qwen2.5-7b-instruct-1m", "falcon3-7b-base");
    /** The Secret the operator creates (docs/deployment.md, "Secrets"). */
    static final String SECRET = "llm-platform-secrets";

    private final String module;
    private final String containerName;
    private final int port;
    private final String portVariable;

    Platform(String module, String containerName, int port, String portVariable) {
        this.module = module;
        this.containerName = containerName;
        this.port = port;
        this.portVariable = portVariable;
    }

    /** Maven module, also the folder of its Dockerfiles ({@code <module>/src/main/docker}). */
    String module() {
        return module;
    }

    int port() {
        return port;
    }

    /** Path of the Prometheus metrics: vLLM's /metrics for inference, Quarkus' /q/metrics for the others. */
    String metricsPath() {
        return this == INFERENCE ? "/metrics" : "/q/metrics";
    }

    /** Environment variable that sets the port (TEAM conventions). */
    String portVariable() {
        return portVariable;
    }

    /** The service a container runs, known by the container's name. */
    static Optional<Platform> byContainerName(String name) {
        return Arrays.stream(values()).filter(p -> p.containerName.equals(name)).findFirst();
    }

    /** The service a container runs; fails for an unknown container. */
    static Platform ofContainer(String name) {
        return byContainerName(name).orElseThrow(() -> new AssertionError(
                "container '" + name + "' is none of the platform's services " + Arrays.toString(values())));
    }
}
