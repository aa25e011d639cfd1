package dev.llmplatform.inference.engine.llama;

import java.util.Optional;

/**
 * Whether the engine uses flash attention. Unless configured: on when layers are offloaded to a GPU (as llama.cpp's
 * own {@code --flash-attn auto}), off on the CPU, where it made decoding slower (docs/adr/0004-flash-attention-default.md).
 */
public final class FlashAttentionDefault {

    private FlashAttentionDefault() {
    }

    /** The configured choice when there is one, else on exactly when layers run on a GPU. */
    public static boolean choose(Optional<Boolean> configured, int gpuLayers) {
        return configured.orElse(gpuLayers > 0);
    }
}
