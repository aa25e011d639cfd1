package dev.llmplatform.inference.memory;

import dev.llmplatform.inference.model.ModelFile;

/**
 * Estimates memory from GGUF header facts: weights are the tensor data size; the KV cache is
 * {@code 2 (K and V) x layers x context x slots x kv_heads x head_dim x 2 bytes (f16)} with
 * {@code head_dim = embedding / heads}; overhead is 64 MiB plus 5% of the weights for compute buffers.
 */
public final class MemoryEstimator {

    /** Bytes per cached element: llama.cpp's default KV cache type is f16. */
    static final int KV_BYTES_PER_ELEMENT = 2;
    private static final long BASE_OVERHEAD = 64L << 20;

    private MemoryEstimator() {
    }

    /** The estimate for a model at a per-slot context and a slot count. */
    public static MemoryEstimate estimate(ModelFile model, int contextPerSlot, int slots) {
        long headDim = model.embedding() / model.heads();
        long kv = 2L * model.layers() * (long) contextPerSlot * slots * model.kvHeads() * headDim
                * KV_BYTES_PER_ELEMENT;
        long overhead = BASE_OVERHEAD + model.weightBytes() / 20;
        return new MemoryEstimate(model.weightBytes(), kv, overhead);
    }
}
