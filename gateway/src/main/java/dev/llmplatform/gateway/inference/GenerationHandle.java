package dev.llmplatform.gateway.inference;

/** A running routed generation. */
public interface GenerationHandle {

    /** Cancels the generation: the gRPC call is cancelled, so the inference service frees its slot. Idempotent. */
    void cancel();
}
