package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * The GPU overlay gives each inference pod one NVIDIA GPU, schedules it on the GPU pool and runs the CUDA image
 * with the CUDA build of libjllama; the CPU overlay asks for no GPU anywhere.
 */
class GpuPlacementTest {

    private static final String GPU = "nvidia.com/gpu";

    @Test
    void gpuOverlayGivesEachModelOneGpuOnTheGpuPool() {
        RenderedOverlay gpu = RenderedOverlay.of("gpu");
        assertEquals(Platform.REFERENCE_MODELS.size(), gpu.inferenceDeployments().size());
        for (Deployment deployment : gpu.inferenceDeployments()) {
            String where = "gpu/" + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertEquals(new Quantity("1"), Containers.limit(container, GPU).orElse(null), where + ": GPU limit");
            assertEquals(new Quantity("1"), Containers.request(container, GPU).orElse(null), where + ": GPU request");
            assertTrue(pod.getTolerations().stream().anyMatch(GpuPlacementTest::toleratesGpuTaint),
                    where + ": no toleration for the " + GPU + " taint");
            boolean pinnedToGpuNodes = (pod.getNodeSelector() != null && !pod.getNodeSelector().isEmpty())
                    || (pod.getAffinity() != null && pod.getAffinity().getNodeAffinity() != null);
            assertTrue(pinnedToGpuNodes, where + ": neither nodeSelector nor node affinity for the GPU pool");
            assertTrue(container.getImage().contains("inference-service-cuda:"),
                    where + ": not the CUDA image: " + container.getImage());
            assertEquals("/opt/jllama", Containers.env(container, "LLM_NATIVE_LIB_PATH").orElse(null),
                    where + ": LLM_NATIVE_LIB_PATH must name the CUDA libjllama folder of Dockerfile.cuda");
        }
    }

    @Test
    void gpuOverlayLeavesGatewayAndTokenizerOnCpuNodes() {
        for (String name : new String[] {"gateway", "tokenizer-service"}) {
            PodSpec pod = RenderedOverlay.of("gpu").get(Deployment.class, name).getSpec().getTemplate().getSpec();
            assertFalse(Containers.limit(pod.getContainers().get(0), GPU).isPresent(), name + " must not take a GPU");
            assertTrue(pod.getTolerations().isEmpty(), name + " must not tolerate the GPU taint");
        }
    }

    @Test
    void cpuOverlayAsksForNoGpu() {
        RenderedOverlay cpu = RenderedOverlay.of("cpu");
        for (Deployment deployment : cpu.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            String where = "cpu/" + deployment.getMetadata().getName();
            assertFalse(Containers.limit(container, GPU).isPresent(), where + " takes a GPU");
            assertFalse(Containers.request(container, GPU).isPresent(), where + " requests a GPU");
            assertFalse(container.getImage().contains("-cuda"), where + " runs a CUDA image");
        }
        for (Deployment deployment : cpu.inferenceDeployments()) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            int threads = Integer.parseInt(Containers.env(container, "LLM_THREADS").orElseThrow());
            double cores = Containers.request(container, "cpu").map(Quantity::getNumericalAmount)
                    .orElseThrow().doubleValue();
            assertTrue(threads < cores, deployment.getMetadata().getName() + ": LLM_THREADS " + threads
                    + " must leave a core of the " + cores + " requested to the JVM");
        }
    }

    private static boolean toleratesGpuTaint(Toleration toleration) {
        return GPU.equals(toleration.getKey()) && "Exists".equals(toleration.getOperator())
                && (toleration.getEffect() == null || "NoSchedule".equals(toleration.getEffect()));
    }
}
