package dev.llmplatform.bench.platform;

import dev.llmplatform.testkit.platform.PlatformSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to start the platform for a benchmark: replicas of one model with the same settings.
 *
 * @param model     the GGUF file every inference replica serves
 * @param modelName the served name, the same on every replica so the gateway can fail over
 * @param replicas  number of inference processes
 * @param threads   {@code LLM_THREADS} of each replica
 * @param slots     {@code LLM_SLOTS} of each replica
 * @param context   {@code LLM_CONTEXT} of each replica: the context of each slot
 * @param logs      folder for the processes' logs
 */
public record PlatformConfig(Path model, String modelName, int replicas, int threads, int slots, int context,
        Path logs) {

    /** The test kit's spec: replicas named inference-1, inference-2, ... on the asset tokenizers. */
    public PlatformSpec spec() {
        return PlatformSpec.builder(logs).replicas(replicas, model, replicaEnv()).build();
    }

    /** The same spec with {@code extra} added to each inference replica's environment. */
    public PlatformSpec spec(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(replicaEnv());
        env.putAll(extra);
        return PlatformSpec.builder(logs).replicas(replicas, model, env).build();
    }

    /** The environment of each inference replica ({@code LLM_MODEL} comes from the spec). */
    public Map<String, String> replicaEnv() {
        return Map.of("LLM_MODEL_NAME", modelName, "LLM_THREADS", Integer.toString(threads), "LLM_SLOTS",
                Integer.toString(slots), "LLM_CONTEXT", Integer.toString(context));
    }
}
