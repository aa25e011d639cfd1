package dev.llmplatform.testkit.platform;

import dev.llmplatform.testkit.client.GrpcChannels;
import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How to start the packaged platform on 127.0.0.1: the tokenizer service on a tokenizers folder, the inference
 * replicas (each a model with its environment), the gateway's extra environment, the shared gRPC token, where the
 * logs go. Also makes single service processes with the same settings, for callers that start them one by one or
 * add one beside a running platform (a second gateway, a tokenizer service of their own).
 */
public final class PlatformSpec {

    private final Path logs;
    private final Path tokenizers;
    private final List<Replica> replicas;
    private final Map<String, String> gatewayEnv;
    private final Map<String, String> commonEnv;
    private final Optional<String> grpcToken;
    private final Duration startTimeout;

    /**
     * One inference process.
     *
     * @param name  its name (log file, role)
     * @param model the GGUF file ({@code LLM_MODEL})
     * @param env   further environment ({@code LLM_THREADS}, {@code LLM_SLOTS}, ...)
     */
    public record Replica(String name, Path model, Map<String, String> env) {
        public Replica {
            env = Map.copyOf(env);
        }
    }

    private PlatformSpec(Builder builder) {
        this.logs = builder.logs.toAbsolutePath();
        this.tokenizers = builder.tokenizers != null ? builder.tokenizers : TestAssets.dir("tokenizers");
        this.replicas = List.copyOf(builder.replicas);
        this.gatewayEnv = Map.copyOf(builder.gatewayEnv);
        this.commonEnv = Map.copyOf(builder.commonEnv);
        this.grpcToken = builder.grpcToken;
        this.startTimeout = builder.startTimeout;
    }

    /** A spec whose processes log to {@code logs}; the tokenizers default to the test assets' folder. */
    public static Builder builder(Path logs) {
        return new Builder(logs);
    }

    /** The folder of the services' logs. */
    public Path logs() {
        return logs;
    }

    /** The inference replicas, in the order the gateway gets them. */
    public List<Replica> replicas() {
        return replicas;
    }

    /** The shared gRPC token the services require and the clients send; empty for none. */
    public Optional<String> grpcToken() {
        return grpcToken;
    }

    /** How long each service may take to become ready. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** A tokenizer service process (not started) on a free port. */
    public ServiceProcess tokenizerProcess(String name) {
        Map<String, String> env = withToken(heap("1g"));
        env.put("LLM_TOKENIZERS_DIR", tokenizers.toString());
        return new ServiceProcess(name, ServiceProcess.packagedJar("tokenizer-service"), ServiceProcess.freePort(),
                Map.of(), env, logs);
    }

    /** An inference process (not started) on a free port. */
    public ServiceProcess inferenceProcess(Replica replica) {
        Map<String, String> env = withToken(heap("512m"));
        env.putAll(replica.env());
        env.put("LLM_MODEL", replica.model().toString());
        return new ServiceProcess(replica.name(), ServiceProcess.packagedJar("inference-service"),
                ServiceProcess.freePort(), Map.of(), env, logs);
    }

    /**
     * A gateway process (not started) on a free port, in front of the given tokenizer service and inference
     * processes, with this spec's gateway environment and then {@code extraEnv}.
     */
    public ServiceProcess gatewayProcess(String name, ServiceProcess tokenizer, List<ServiceProcess> inference,
            Map<String, String> extraEnv) {
        Map<String, String> env = withToken(heap("512m"));
        env.putAll(gatewayEnv);
        env.put("TOKENIZER_ADDRESS", tokenizer.address());
        env.put("INFERENCE_ENDPOINTS", inference.stream().map(ServiceProcess::address)
                .collect(Collectors.joining(",")));
        env.putAll(extraEnv);
        return new ServiceProcess(name, ServiceProcess.packagedJar("gateway"), ServiceProcess.freePort(), Map.of(),
                env, logs);
    }

    /**
     * The heap bound {@code ./run.sh} gives the service (and exit on OutOfMemoryError), so tests and the load harness
     * run the services as they are deployed; a service's own environment may override it.
     */
    private static Map<String, String> heap(String max) {
        return Map.of("JAVA_TOOL_OPTIONS", "-Xmx" + max + " -XX:+ExitOnOutOfMemoryError");
    }

    private Map<String, String> withToken(Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>(commonEnv);
        env.putAll(base);
        grpcToken.ifPresent(token -> env.put(GrpcChannels.TOKEN_ENV, token));
        return env;
    }

    /** Builds a {@link PlatformSpec}. */
    public static final class Builder {
        private final Path logs;
        private Path tokenizers;
        private final List<Replica> replicas = new ArrayList<>();
        private final Map<String, String> gatewayEnv = new LinkedHashMap<>();
        private final Map<String, String> commonEnv = new LinkedHashMap<>();
        private Optional<String> grpcToken = GrpcChannels.configuredToken();
        private Duration startTimeout = ServiceProcess.START_TIMEOUT;

        private Builder(Path logs) {
            this.logs = logs;
        }

        /** The tokenizer service's folder of tokenizers ({@code LLM_TOKENIZERS_DIR}). */
        public Builder tokenizers(Path dir) {
            this.tokenizers = dir;
            return this;
        }

        /** One inference replica. */
        public Builder replica(String name, Path model, Map<String, String> env) {
            replicas.add(new Replica(name, model, env));
            return this;
        }

        /** {@code count} replicas of one model with the same environment, named inference-1, inference-2, ... */
        public Builder replicas(int count, Path model, Map<String, String> env) {
            for (int i = 0; i < count; i++) {
                replica("inference-" + (replicas.size() + 1), model, env);
            }
            return this;
        }

        /** Environment for every service (each one's own settings win). */
        public Builder env(Map<String, String> env) {
            commonEnv.putAll(env);
            return this;
        }

        /** Environment for the gateway on top of its tokenizer and inference addresses. */
        public Builder gatewayEnv(Map<String, String> env) {
            gatewayEnv.putAll(env);
            return this;
        }

        /**
         * The shared gRPC token ({@code LLM_GRPC_TOKEN}) every service gets and the platform's clients send; by
         * default the one configured for this JVM ({@code -Dllm.grpc.token} or {@code LLM_GRPC_TOKEN}), if any.
         */
        public Builder grpcToken(Optional<String> token) {
            this.grpcToken = token.map(String::strip).filter(t -> !t.isEmpty());
            return this;
        }

        /** How long each service may take to become ready (default 180 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public PlatformSpec build() {
            if (replicas.isEmpty()) {
                throw new IllegalStateException("a platform needs at least one inference replica");
            }
            return new PlatformSpec(this);
        }
    }
}
