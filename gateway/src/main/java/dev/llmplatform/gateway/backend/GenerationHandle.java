package dev.llmplatform.gateway.backend;

/** A running generation. */
public interface GenerationHandle {

    /** Cancels the generation, so the inference service frees its slot. Idempotent. */
    void cancel();
}
