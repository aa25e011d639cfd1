package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every workload has a PodDisruptionBudget that lets drains proceed and, with the replicas the overlay runs, never
 * evicts a model's last serving pod where the model runs two; the gateway and tokenizer scale on CPU, each model with
 * KEDA on its slot utilisation ((running + waiting) / slots) with a fallback and a scale-down stabilisation window;
 * no autoscaled workload sets its own replica count.
 */
class DisruptionAndScalingTest {

    static final List<String> OVERLAYS = RenderedOverlay.ALL;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyWorkloadHasOneBudgetThatNeverBlocksADrain(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.workloads()) {
            String where = workload.describe(overlay);
            List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                    .filter(b -> workload.podLabels().entrySet()
                            .containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
            assertEquals(1, budgets.size(), where + ": PodDisruptionBudgets selecting its pods");
            PodDisruptionBudget budget = budgets.get(0);
            assertEquals("AlwaysAllow", budget.getSpec().getUnhealthyPodEvictionPolicy(),
                    where + ": a pod that is not ready (loading, failing) must never block a drain");
            int minimum = minimumReplicas(rendered, workload);
            if (budget.getSpec().getMinAvailable() != null) {
                int minAvailable = budget.getSpec().getMinAvailable().getIntVal();
                assertTrue(minAvailable >= 1 && minimum > minAvailable, where + ": minAvailable " + minAvailable
                        + " with at least " + minimum + " replicas would block every node drain");
            } else {
                assertEquals(1, budget.getSpec().getMaxUnavailable().getIntVal(), where + ": maxUnavailable"
                        + " (0 blocks every drain; more lets a drain take a model's pods at once)");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void modelsOnCpuKeepTwoReplicasSoADrainNeverTakesTheLastOne(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.inferenceWorkloads()) {
            int minimum = minimumReplicas(rendered, workload);
            if (workload.usesGpu()) {
                assertEquals(1, minimum, workload.describe(overlay) + ": one GPU per model by default; a drain moves"
                        + " it (docs/deployment.md, \"Disruptions\", says what to do first)");
            } else {
                assertTrue(minimum >= 2, workload.describe(overlay) + ": minReplicaCount " + minimum);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void autoscaledWorkloadsLeaveTheReplicaCountToTheirAutoscaler(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.workloads()) {
            if (hpa(rendered, workload).isPresent() || scaledObject(rendered, workload).isPresent()) {
                assertNull(workload.replicas(), workload.describe(overlay) + ": spec.replicas would reset the"
                        + " autoscaler's count on every apply");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void gatewayAndTokenizerScaleOnCpu(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (String name : List.of("gateway", "tokenizer-service")) {
            HorizontalPodAutoscaler hpa = rendered.get(HorizontalPodAutoscaler.class, name);
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(name, hpa.getSpec().getScaleTargetRef().getName());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, name + " keeps two replicas for availability");
            MetricSpec metric = hpa.getSpec().getMetrics().get(0);
            assertEquals("Resource", metric.getType());
            assertEquals("cpu", metric.getResource().getName());
            assertTrue(Containers.request(rendered.workload(name).container(), "cpu").isPresent(),
                    name + ": CPU utilisation needs a CPU request");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachModelScalesOnItsSlotUtilisation(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.inferenceWorkloads()) {
            String where = workload.describe(overlay);
            GenericKubernetesResource scaledObject = scaledObject(rendered, workload)
                    .orElseThrow(() -> new AssertionError(where + ": no ScaledObject targets it"));
            assertEquals(workload.kind(), scaledObject.get("spec", "scaleTargetRef", "kind"), where);
            int min = ((Number) scaledObject.get("spec", "minReplicaCount")).intValue();
            int max = ((Number) scaledObject.get("spec", "maxReplicaCount")).intValue();
            assertTrue(min >= 1 && max > min, where + ": replicas " + min + ".." + max);
            List<Map<String, Object>> triggers = scaledObject.get("spec", "triggers");
            assertEquals(1, triggers.size(), where + ": triggers");
            assertEquals("prometheus", triggers.get(0).get("type"));
            assertEquals("AverageValue", triggers.get(0).get("metricType"),
                    where + ": the query gives pods' worth of load; the HPA divides it by the target per replica");
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) triggers.get(0).get("metadata");
            assertNotNull(metadata.get("serverAddress"), where + ": Prometheus address");
            String query = (String) metadata.get("query");
            String model = "model_name=\"" + workload.model() + "\"";
            for (String metric : List.of("vllm:num_requests_running", "vllm:num_requests_waiting",
                    "llmplatform_slots")) {
                assertTrue(query.contains(metric + "{namespace=\"" + Platform.NAMESPACE + "\"," + model + "}"),
                        where + ": the query must read " + metric + " of this model only: " + query);
            }
            assertTrue(query.matches("\\(sum\\(vllm:num_requests_running\\{[^}]*}\\) \\+ sum\\("
                    + "vllm:num_requests_waiting\\{[^}]*}\\)\\) / avg\\(llmplatform_slots\\{[^}]*}\\)"), where + ": " + query);
            double threshold = Double.parseDouble((String) metadata.get("threshold"));
            assertTrue(threshold > 0 && threshold <= 1, where + ": target utilisation per replica " + threshold);
            Map<String, Object> fallback = scaledObject.get("spec", "fallback");
            assertNotNull(fallback, where + ": no fallback: a Prometheus outage would freeze the replica count");
            int fallbackReplicas = ((Number) fallback.get("replicas")).intValue();
            assertTrue(fallbackReplicas >= min && fallbackReplicas <= max, where + ": fallback " + fallbackReplicas);
            assertNull(scaledObject.get("spec", "cooldownPeriod"), where + ": cooldownPeriod only applies to scaling"
                    + " to zero, which a model never does; the HPA behaviour below governs scale-down");
            Number window = scaledObject.get("spec", "advanced", "horizontalPodAutoscalerConfig", "behavior",
                    "scaleDown", "stabilizationWindowSeconds");
            assertNotNull(window, where + ": no scale-down stabilisation window");
            assertTrue(window.intValue() >= 300, where + ": a replica that took minutes to load must not flap away");
        }
        assertEquals(rendered.inferenceWorkloads().size(), rendered.generic("ScaledObject").size(),
                overlay + ": ScaledObjects");
    }

    @Test
    void gpuOverlayCapsGpuReplicasPerModel() {
        RenderedOverlay gpu = RenderedOverlay.of("gpu");
        for (Workload workload : gpu.inferenceWorkloads()) {
            if (workload.usesGpu()) {
                int max = ((Number) scaledObject(gpu, workload).orElseThrow().get("spec", "maxReplicaCount"))
                        .intValue();
                assertTrue(max <= 2, workload.describe("gpu") + ": " + max + " GPU replicas");
            }
        }
        assertFalse(gpu.inferenceWorkloads().stream().filter(Workload::usesGpu).toList().isEmpty());
    }

    private static int minimumReplicas(RenderedOverlay rendered, Workload workload) {
        Optional<HorizontalPodAutoscaler> hpa = hpa(rendered, workload);
        if (hpa.isPresent()) {
            return hpa.get().getSpec().getMinReplicas();
        }
        Optional<GenericKubernetesResource> scaledObject = scaledObject(rendered, workload);
        if (scaledObject.isPresent()) {
            return ((Number) scaledObject.get().get("spec", "minReplicaCount")).intValue();
        }
        return workload.replicas() == null ? 1 : workload.replicas();
    }

    private static Optional<HorizontalPodAutoscaler> hpa(RenderedOverlay rendered, Workload workload) {
        return rendered.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> workload.kind().equals(h.getSpec().getScaleTargetRef().getKind())
                        && workload.name().equals(h.getSpec().getScaleTargetRef().getName()))
                .findFirst();
    }

    private static Optional<GenericKubernetesResource> scaledObject(RenderedOverlay rendered, Workload workload) {
        return rendered.generic("ScaledObject").stream()
                .filter(s -> workload.name().equals(s.get("spec", "scaleTargetRef", "name")))
                .findFirst();
    }
}
