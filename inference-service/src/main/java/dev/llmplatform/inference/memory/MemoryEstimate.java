package dev.llmplatform.inference.memory;

/**
 * Memory a model needs at a given context and slot count.
 *
 * @param weightBytes   tensor data (the weights)
 * @param kvCacheBytes  f16 K and V caches for every slot: 2 x layers x (context x slots) x kv_heads x head_dim x 2
 * @param overheadBytes compute buffers and runtime, estimated
 */
public record MemoryEstimate(long weightBytes, long kvCacheBytes, long overheadBytes) {

    /** Everything together. */
    public long totalBytes() {
        return weightBytes + kvCacheBytes + overheadBytes;
    }

    /** A one-line description with MiB figures, for logs and errors. */
    public String describe() {
        return "weights " + mib(weightBytes) + " MiB + KV cache " + mib(kvCacheBytes) + " MiB + overhead "
                + mib(overheadBytes) + " MiB = " + mib(totalBytes()) + " MiB";
    }

    public static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
