package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Context x slots of every model fits where it runs, recomputed from the models' architecture facts with the
 * inference service's own estimate (weights + f16 KV cache + overhead) plus the JVM the image starts:
 * <ul>
 *   <li>on CPU, model + JVM within the container's memory limit, less 5 % for page cache and fragmentation;</li>
 *   <li>on a GPU, model within the memory of the GPU the GPU overlay is sized for ({@link #ASSUMED_GPU_BYTES}) less
 *       {@link #GPU_RESERVE_BYTES} for the CUDA context and cuBLAS workspace, and weights (page cache while they are
 *       read onto the GPU) + overhead + JVM within the container's limit.</li>
 * </ul>
 * Memory requests equal limits, so the scheduler reserves what the plan needs.
 */
class MemoryBudgetTest {

    static final List<String> OVERLAYS = RenderedOverlay.ALL;
    static final List<String> PLATFORM_OVERLAYS = RenderedOverlay.NAMES;

    /** The GPU the GPU overlay and compose's gpu profile are sized for: 24 GiB (L4, A10, RTX 3090/4090, A5000). */
    static final long ASSUMED_GPU_BYTES = 24L << 30;
    static final long GPU_RESERVE_BYTES = 1L << 30;
    private static final double HOST_HEADROOM = 0.05;
    private static final long GIB = 1L << 30;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyModelFitsItsContainerAndGpu(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.inferenceWorkloads()) {
            Plan plan = Plan.of(rendered, workload);
            String where = workload.describe(overlay) + ": " + plan;
            assertEquals(plan.limitBytes, Containers.request(workload.container(), "memory")
                    .map(q -> Quantity.getAmountInBytes(q).longValue()).orElse(-1L), where + ": memory request = limit");
            long usable = (long) (plan.limitBytes * (1 - HOST_HEADROOM));
            if (workload.usesGpu()) {
                assertTrue(plan.modelBytes() <= ASSUMED_GPU_BYTES - GPU_RESERVE_BYTES, where + ": does not fit a "
                        + gib(ASSUMED_GPU_BYTES) + " GPU; lower LLM_CONTEXT or LLM_SLOTS");
                assertTrue(plan.hostBytesOnGpu() <= usable, where + ": host memory limit too small");
            } else {
                assertTrue(plan.hostBytesOnCpu() <= usable, where + ": the memory limit is too small; raise it or"
                        + " lower LLM_CONTEXT or LLM_SLOTS");
            }
        }
    }

    @Test
    void estimateReproducesTheKnownKvCacheSizes() {
        ModelArchitecture phi3 = ModelArchitecture.of("phi-3-mini-128k-instruct-q4_k_m");
        assertEquals(384L << 10, phi3.kvBytesPerToken(), "32 layers x 32 KV heads x 96 x 2 (K, V) x 2 bytes");
        assertEquals(12 * GIB, phi3.kvCacheBytes(8192, 4), "8192 tokens x 4 slots of Phi-3-mini");
        assertTrue(phi3.modelBytes(8192, 4) > 6 * GIB, "so a 6 GiB CPU limit could never hold 8192 x 4");
        assertTrue(phi3.modelBytes(16384, 8) > ASSUMED_GPU_BYTES * 2, "and 16384 x 8 is about 50 GiB, two GPUs' worth");
        assertEquals(56L << 10, ModelArchitecture.of("qwen2.5-7b-instruct-1m-q4_k_m").kvBytesPerToken());
        assertEquals(112L << 10, ModelArchitecture.of("falcon3-7b-base-q4_k_m").kvBytesPerToken());
        assertEquals(12L << 10, ModelArchitecture.of("qwen2.5-0.5b-instruct-q4_k_m").kvBytesPerToken());
    }

    @Test
    void composeGpuDefaultsFitTheAssumedGpu() {
        ComposeFile compose = ComposeFile.read(RepositoryRoot.resolve("docker-compose.yml"));
        Map<String, Object> gpu = compose.service("inference-gpu");
        ModelArchitecture model = ModelArchitecture.of(ComposeFile.env(gpu, "LLM_MODEL_ID"));
        int context = Integer.parseInt(ComposeFile.env(gpu, "LLM_CONTEXT"));
        int slots = Integer.parseInt(ComposeFile.env(gpu, "LLM_SLOTS"));
        assertTrue(model.modelBytes(context, slots) <= ASSUMED_GPU_BYTES - GPU_RESERVE_BYTES,
                "compose inference-gpu: " + model.id() + " " + context + " x " + slots + " needs "
                        + gib(model.modelBytes(context, slots)));
    }

    @ParameterizedTest
    @FieldSource("PLATFORM_OVERLAYS")
    void docsListEveryModelsSettingsAndLimit(String overlay) throws IOException {
        String docs = Files.readString(RepositoryRoot.resolve("docs/deployment.md"));
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.inferenceWorkloads()) {
            Plan plan = Plan.of(rendered, workload);
            String row = "| " + workload.model() + " | " + overlay + " | " + plan.context + " × " + plan.slots + " |";
            int at = docs.indexOf(row);
            assertTrue(at >= 0, "docs/deployment.md (\"Memory per model\") lacks the row starting " + row);
            String line = docs.substring(at, docs.indexOf('\n', at));
            assertTrue(line.contains("| " + plan.limit + " |"), "docs row for " + workload.model() + " on " + overlay
                    + " must name the limit " + plan.limit + ": " + line);
        }
    }

    static String gib(long bytes) {
        return String.format("%.2f GiB", bytes / (double) GIB);
    }

    /** One inference workload's settings and what they need. */
    record Plan(ModelArchitecture model, int context, int slots, String limit, long limitBytes, JvmMemory jvm) {

        static Plan of(RenderedOverlay rendered, Workload workload) {
            Container container = workload.container();
            Map<String, String> entry = rendered.get(ConfigMap.class,
                    container.getEnvFrom().get(0).getConfigMapRef().getName()).getData();
            int context = Integer.parseInt(Containers.env(container, "LLM_CONTEXT").orElse(entry.get("LLM_CONTEXT")));
            int slots = Integer.parseInt(Containers.env(container, "LLM_SLOTS").orElse(entry.get("LLM_SLOTS")));
            Quantity limit = Containers.limit(container, "memory").orElseThrow(() -> new AssertionError(
                    workload.name() + ": no memory limit"));
            String dockerfile = container.getImage().contains("inference-service-cuda") ? "Dockerfile.cuda"
                    : "Dockerfile.jvm";
            JvmMemory jvm = Containers.env(container, "JAVA_OPTS").map(JvmMemory::new)
                    .orElseGet(() -> JvmMemory.of(DockerfileTest.read(Platform.INFERENCE, dockerfile)));
            return new Plan(ModelArchitecture.of(entry.get("LLM_MODEL_ID")), context, slots, limit.toString(),
                    Quantity.getAmountInBytes(limit).longValue(), jvm);
        }

        long modelBytes() {
            return model.modelBytes(context, slots);
        }

        long hostBytesOnCpu() {
            return modelBytes() + jvm.budgetBytes(limitBytes);
        }

        long hostBytesOnGpu() {
            return model.weightBytes() + model.overheadBytes() + jvm.budgetBytes(limitBytes);
        }

        @Override
        public String toString() {
            return model.id() + " " + context + " x " + slots + ": weights " + gib(model.weightBytes()) + " + KV "
                    + gib(model.kvCacheBytes(context, slots)) + " + overhead " + gib(model.overheadBytes()) + ", JVM "
                    + gib(jvm.budgetBytes(limitBytes)) + ", limit " + limit;
        }
    }
}
