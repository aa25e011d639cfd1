package dev.llmplatform.inference.memory;

import dev.llmplatform.inference.model.ModelFile;
import dev.llmplatform.inference.model.ModelLoadException;

/**
 * Chooses how many layers to offload and refuses a model that cannot fit.
 *
 * <p>Without a GPU-capable native library, or with no GPU, everything stays on the CPU. With one, all layers (plus
 * the output layer: {@code layers + 1}, llama.cpp's count) go to the GPU when the whole estimate fits in its free
 * memory; otherwise as many whole layers as fit, each layer taking an equal share of weights and KV cache. The model
 * is refused when the estimate exceeds free GPU memory plus available host memory ({@link HostMemory}: the
 * container's limit, less what the Java heap may still take). A forced layer count ({@code LLM_GPU_LAYERS}) is
 * checked against free GPU memory too, when the free memory is known.
 */
public final class MemoryPlanner {

    private MemoryPlanner() {
    }

    /**
     * @param requestedGpuLayers -1 to choose, 0 to force CPU, more to force a count
     * @param gpuCapable         whether the loaded native library can offload
     */
    public static MemoryPlan plan(ModelFile model, MemoryEstimate estimate, int requestedGpuLayers,
                                  boolean gpuCapable, long gpuFreeBytes, long hostAvailBytes)
            throws ModelLoadException {
        long gpuFree = gpuCapable ? gpuFreeBytes : 0;
        if (estimate.totalBytes() > gpuFree + hostAvailBytes) {
            throw new ModelLoadException("model does not fit in memory: needs " + estimate.describe()
                    + ", but only " + MemoryEstimate.mib(gpuFree) + " MiB GPU + " + MemoryEstimate.mib(hostAvailBytes)
                    + " MiB host are available; lower LLM_CONTEXT or LLM_SLOTS");
        }
        int allLayers = model.layers() + 1;
        int layers;
        if (!gpuCapable || requestedGpuLayers == 0 || gpuFree == 0) {
            layers = requestedGpuLayers > 0 && gpuCapable ? Math.min(requestedGpuLayers, allLayers) : 0;
        } else if (requestedGpuLayers > 0) {
            layers = Math.min(requestedGpuLayers, allLayers);
            long onGpu = estimate.overheadBytes() + (estimate.weightBytes() + estimate.kvCacheBytes()) * layers
                    / allLayers;
            if (onGpu > gpuFree) {
                throw new ModelLoadException("LLM_GPU_LAYERS=" + requestedGpuLayers + " puts about "
                        + MemoryEstimate.mib(onGpu) + " MiB on the GPU, which has " + MemoryEstimate.mib(gpuFree)
                        + " MiB free; unset LLM_GPU_LAYERS to offload what fits, or lower LLM_CONTEXT or LLM_SLOTS");
            }
        } else if (estimate.totalBytes() <= gpuFree) {
            layers = allLayers;
        } else {
            long perLayer = Math.max(1, (estimate.weightBytes() + estimate.kvCacheBytes()) / allLayers);
            long room = gpuFree - estimate.overheadBytes();
            layers = room <= 0 ? 0 : (int) Math.min(allLayers, room / perLayer);
        }
        return new MemoryPlan(estimate, layers, gpuFree, hostAvailBytes);
    }
}
