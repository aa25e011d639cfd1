package dev.llmplatform.inference.memory;

/**
 * Where the model runs.
 *
 * @param estimate       what it needs
 * @param gpuLayers      layers offloaded to the GPU (0 on CPU)
 * @param gpuFreeBytes   free GPU memory seen at start-up (0 without a GPU)
 * @param hostAvailBytes available host memory seen at start-up
 * @param fallback       what happened when the planned offload failed to load (fewer layers, or the CPU); empty
 *                       when the plan loaded as made
 */
public record MemoryPlan(MemoryEstimate estimate, int gpuLayers, long gpuFreeBytes, long hostAvailBytes,
                         String fallback) {

    /** A plan as made, before loading. */
    public MemoryPlan(MemoryEstimate estimate, int gpuLayers, long gpuFreeBytes, long hostAvailBytes) {
        this(estimate, gpuLayers, gpuFreeBytes, hostAvailBytes, "");
    }

    /** The plan after a failed GPU load: {@code layers} on the GPU, and why. */
    public MemoryPlan fellBackTo(int layers, String why) {
        return new MemoryPlan(estimate, layers, gpuFreeBytes, hostAvailBytes, why);
    }

    /** Bytes that stay in host memory with {@code layers} of {@code allLayers} on the GPU. */
    public long hostBytesWith(int layers, int allLayers) {
        long layered = estimate.weightBytes() + estimate.kvCacheBytes();
        return estimate.overheadBytes() + layered - layered * layers / allLayers;
    }

    /** A one-line description for the log. */
    public String describe() {
        return estimate.describe() + "; GPU free " + MemoryEstimate.mib(gpuFreeBytes) + " MiB, host available "
                + MemoryEstimate.mib(hostAvailBytes) + " MiB; offloading " + gpuLayers + " layers to the GPU";
    }
}
