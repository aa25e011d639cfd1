package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The GPU overlay gives each reference model one NVIDIA GPU and the CUDA image, places the pods by the GPU request
 * alone, lets the service size its offload, and rolls out without a spare GPU; the quick-start model, the gateway and
 * the tokenizer stay on CPU; the runtime class is a component the operator enables; the CPU overlay asks for no GPU.
 */
class GpuPlacementTest {

    private static final String GPU = "nvidia.com/gpu";

    @Test
    void gpuOverlayGivesEachReferenceModelOneGpuAndTheCudaImage() {
        RenderedOverlay gpu = RenderedOverlay.of("gpu");
        List<Workload> onGpu = gpu.inferenceWorkloads().stream().filter(Workload::usesGpu).toList();
        assertEquals(Platform.REFERENCE_MODELS.stream().sorted().toList(),
                onGpu.stream().map(Workload::model).sorted().toList(), "models on a GPU");
        for (Workload workload : onGpu) {
            String where = workload.describe("gpu");
            Container container = workload.container();
            assertEquals(new Quantity("1"), Containers.limit(container, GPU).orElse(null), where + ": GPU limit");
            assertEquals(new Quantity("1"), Containers.request(container, GPU).orElse(null), where + ": GPU request");
            assertTrue(workload.pod().getTolerations().stream().anyMatch(GpuPlacementTest::toleratesGpuTaint),
                    where + ": no toleration for the " + GPU + " taint");
            assertTrue(container.getImage().contains("/llm-platform/inference-service-cuda:"),
                    where + ": not the CUDA image: " + container.getImage());
            assertEquals("/opt/jllama", Containers.env(container, "LLM_NATIVE_LIB_PATH").orElse(null),
                    where + ": LLM_NATIVE_LIB_PATH must name the CUDA libjllama folder of Dockerfile.cuda");
        }
    }

    @Test
    void placementFollowsTheGpuRequestAloneAndOffloadIsNotForced() {
        for (String overlay : RenderedOverlay.ALL) {
            for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
                PodSpec pod = workload.pod();
                String where = workload.describe(overlay);
                Map<String, String> selector = pod.getNodeSelector() == null ? Map.of() : pod.getNodeSelector();
                assertFalse(selector.containsKey("nvidia.com/gpu.present"), where + ": the nvidia.com/gpu request"
                        + " already places the pod; GPU feature discovery's label is not on every cluster");
                assertTrue(pod.getAffinity() == null || pod.getAffinity().getNodeAffinity() == null,
                        where + ": no node affinity needed");
                assertFalse(Containers.env(workload.container(), "LLM_GPU_LAYERS").isPresent(), where + ": the"
                        + " service sizes offload from free GPU memory and keeps the rest on the CPU");
            }
        }
    }

    @Test
    void gpuRolloutsNeedNoSpareGpu() {
        RenderedOverlay gpu = RenderedOverlay.of("gpu");
        for (StatefulSet statefulSet : gpu.all(StatefulSet.class)) {
            String strategy = statefulSet.getSpec().getUpdateStrategy() == null ? "RollingUpdate"
                    : statefulSet.getSpec().getUpdateStrategy().getType();
            assertEquals("RollingUpdate", strategy, statefulSet.getMetadata().getName()
                    + ": a StatefulSet rolling update stops the old pod before it starts the new one");
        }
        for (Deployment deployment : gpu.all(Deployment.class)) {
            if (Workload.of(deployment).usesGpu()) {
                assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal(),
                        deployment.getMetadata().getName() + ": maxSurge must be 0 for GPU pods");
                assertEquals(1, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()
                        .getIntVal(), deployment.getMetadata().getName() + ": maxUnavailable 1");
            }
        }
    }

    @Test
    void quickStartGatewayAndTokenizerStayOnCpuInTheGpuOverlay() {
        RenderedOverlay gpu = RenderedOverlay.of("gpu");
        for (Workload workload : gpu.workloads()) {
            boolean reference = workload.isInference() && Platform.REFERENCE_MODELS.contains(workload.model());
            if (!reference) {
                assertFalse(workload.usesGpu(), workload.describe("gpu") + " must not take a GPU");
                assertTrue(workload.pod().getTolerations().isEmpty(), workload.describe("gpu")
                        + " must not tolerate the GPU taint");
                assertFalse(workload.container().getImage().contains("-cuda"), workload.describe("gpu")
                        + " runs the CUDA image without a GPU");
            }
        }
    }

    @Test
    void runtimeClassIsAComponentThatReachesTheGpuPodsOnly() {
        for (Workload workload : RenderedOverlay.of("gpu").workloads()) {
            assertNull(workload.pod().getRuntimeClassName(), workload.describe("gpu")
                    + ": not every cluster has a RuntimeClass named nvidia; the component sets it");
        }
        String yaml;
        try (TempOverlay overlay = TempOverlay.of("resources:\n  - {k8s/overlays/gpu}\ncomponents:\n"
                + "  - {k8s/components/nvidia-runtime-class}\n")) {
            yaml = overlay.render();
        }
        for (StatefulSet statefulSet : RenderedOverlay.parse(yaml).stream().filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast).toList()) {
            Workload workload = Workload.of(statefulSet);
            assertEquals(workload.usesGpu() ? "nvidia" : null, workload.pod().getRuntimeClassName(),
                    workload.name() + ": runtimeClassName with the component enabled");
        }
    }

    @Test
    void cpuOverlayAsksForNoGpu() {
        RenderedOverlay cpu = RenderedOverlay.of("cpu");
        for (Workload workload : cpu.workloads()) {
            String where = workload.describe("cpu");
            assertFalse(workload.usesGpu(), where + " takes a GPU");
            assertFalse(workload.container().getImage().contains("-cuda"), where + " runs a CUDA image");
        }
        for (Workload workload : cpu.inferenceWorkloads()) {
            int threads = Integer.parseInt(Containers.env(workload.container(), "LLM_THREADS").orElseThrow());
            double cores = Containers.request(workload.container(), "cpu").map(Quantity::getNumericalAmount)
                    .orElseThrow().doubleValue();
            assertTrue(threads < cores, workload.name() + ": LLM_THREADS " + threads
                    + " must leave a core of the " + cores + " requested to the JVM");
        }
    }

    private static boolean toleratesGpuTaint(Toleration toleration) {
        return GPU.equals(toleration.getKey()) && "Exists".equals(toleration.getOperator())
                && (toleration.getEffect() == null || "NoSchedule".equals(toleration.getEffect()));
    }
}
