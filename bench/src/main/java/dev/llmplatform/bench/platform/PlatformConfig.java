package dev.llmplatform.bench.platform;

import java.nio.file.Path;

/**
 * How to start the platform for a benchmark.
 *
 * @param model     the GGUF file every inference replica serves
 * @param modelName the served name, the same on every replica so the gateway can fail over
 * @param replicas  number of inference processes
 * @param threads   {@code LLM_THREADS} of each replica
 * @param slots     {@code LLM_SLOTS} of each replica
 * @param context   {@code LLM_CONTEXT} of each replica (all slots together)
 * @param logs      folder for the processes' logs
 */
public record PlatformConfig(Path model, String modelName, int replicas, int threads, int slots, int context,
        Path logs) {
}
