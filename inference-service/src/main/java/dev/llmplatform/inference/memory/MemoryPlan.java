package dev.llmplatform.inference.memory;

/**
 * Where the model runs.
 *
 * @param estimate       what it needs
 * @param gpuLayers      layers offloaded to the GPU (0 on CPU)
 * @param gpuFreeBytes   free GPU memory seen at start-up (0 without a GPU)
 * @param hostAvailBytes available host memory seen at start-up
 */
public record MemoryPlan(MemoryEstimate estimate, int gpuLayers, long gpuFreeBytes, long hostAvailBytes) {

    /** A one-line description for the log. */
    public String describe() {
        return estimate.describe() + "; GPU free " + MemoryEstimate.mib(gpuFreeBytes) + " MiB, host available "
                + MemoryEstimate.mib(hostAvailBytes) + " MiB; offloading " + gpuLayers + " layers to the GPU";
    }
}
