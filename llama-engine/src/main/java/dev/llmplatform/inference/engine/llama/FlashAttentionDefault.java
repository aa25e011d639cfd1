package dev.llmplatform.inference.engine.llama;

import java.util.Optional;

/**
 * Whether the engine uses flash attention. Unless configured: on when layers are offloaded to a GPU (llama.cpp's own
 * {@code --flash-attn auto} turns it on where the backend supports it; not measured here, no GPU), off on the CPU.
 * Measured on the 2-core CPU machine with the slots pinned (README, "Performance"): stories260K decoded 4.3k
 * tokens/s without it and 3.2k with it, and 4 concurrent streams 5.4k and 2.5-3.4k; random-134m-q4_0 was the same
 * within noise either way.
 */
public final class FlashAttentionDefault {

    private FlashAttentionDefault() {
    }

    /** The configured choice when there is one, else on exactly when layers run on a GPU. */
    public static boolean choose(Optional<Boolean> configured, int gpuLayers) {
        return configured.orElse(gpuLayers > 0);
    }
}
