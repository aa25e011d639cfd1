package dev.llmplatform.inference.model;

import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.memory.MemoryEstimate;
import dev.llmplatform.inference.memory.MemoryPlan;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads with the planned GPU layers and, when the engine refuses a GPU load (out of GPU memory, most often: free
 * memory changes between the plan and the load, and the estimate is an estimate), tries again with half the layers,
 * then on the CPU, as long as what then stays in host memory fits. Every failure is logged; the plan it ends with
 * says what happened ({@link MemoryPlan#fallback()}, published in {@code ModelInfo}).
 */
final class OffloadFallback {

    private static final Logger LOG = Logger.getLogger(OffloadFallback.class);

    /** Loads the engine with a number of GPU layers. */
    @FunctionalInterface
    interface Loader {
        TextEngine load(int gpuLayers) throws ModelLoadException;
    }

    /** The engine and the plan it loaded with. */
    record Loaded(TextEngine engine, MemoryPlan plan) {
    }

    private OffloadFallback() {
    }

    static Loaded load(MemoryPlan plan, int allLayers, Loader loader) throws ModelLoadException {
        int layers = plan.gpuLayers();
        List<String> failures = new ArrayList<>();
        while (true) {
            try {
                TextEngine engine = loader.load(layers);
                if (failures.isEmpty()) {
                    return new Loaded(engine, plan);
                }
                String why = String.join("; ", failures) + "; loaded with " + layers + " layers on the GPU";
                LOG.warnf("GPU offload fell back: %s", why);
                return new Loaded(engine, plan.fellBackTo(layers, why));
            } catch (ModelLoadException e) {
                if (layers == 0) {
                    if (failures.isEmpty()) {
                        throw e;
                    }
                    throw new ModelLoadException(String.join("; ", failures) + "; on the CPU: " + e.getMessage(), e);
                }
                failures.add("loading with " + layers + " GPU layers failed (" + e.getMessage() + ")");
                LOG.warnf("loading with %d GPU layers failed, trying fewer: %s", layers, e.getMessage());
                layers = layers / 2;
                long host = plan.hostBytesWith(layers, allLayers);
                if (host > plan.hostAvailBytes()) {
                    throw new ModelLoadException(String.join("; ", failures) + "; with " + layers
                            + " GPU layers the host would need " + MemoryEstimate.mib(host) + " MiB and has "
                            + MemoryEstimate.mib(plan.hostAvailBytes()) + " MiB", e);
                }
            }
        }
    }
}
