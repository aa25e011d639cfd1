package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every workload has a PodDisruptionBudget; the gateway scales on CPU, each model on its queue depth
 * (KEDA ScaledObject on llm_num_requests_waiting).
 */
class DisruptionAndScalingTest {

    static final List<String> OVERLAYS = RenderedOverlay.NAMES;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDeploymentHasExactlyOneDisruptionBudget(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Map<String, String> pods = RenderedOverlay.podLabels(deployment);
            List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                    .filter(b -> pods.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
            String where = overlay + "/" + deployment.getMetadata().getName();
            assertEquals(1, budgets.size(), where + ": PodDisruptionBudgets selecting its pods");
            PodDisruptionBudget budget = budgets.get(0);
            if (budget.getSpec().getMinAvailable() != null) {
                int minAvailable = budget.getSpec().getMinAvailable().getIntVal();
                assertTrue(minAvailable >= 1 && deployment.getSpec().getReplicas() > minAvailable,
                        where + ": minAvailable " + minAvailable + " with " + deployment.getSpec().getReplicas()
                                + " replicas would block every node drain");
            } else {
                assertEquals(1, budget.getSpec().getMaxUnavailable().getIntVal(), where + ": maxUnavailable");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void gatewayScalesOnCpu(String overlay) {
        HorizontalPodAutoscaler hpa = RenderedOverlay.of(overlay).get(HorizontalPodAutoscaler.class, "gateway");
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("gateway", hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2, "gateway keeps two replicas for availability");
        MetricSpec metric = hpa.getSpec().getMetrics().get(0);
        assertEquals("Resource", metric.getType());
        assertEquals("cpu", metric.getResource().getName());
        assertEquals("Utilization", metric.getResource().getTarget().getType());
        Deployment gateway = RenderedOverlay.of(overlay).get(Deployment.class, "gateway");
        assertTrue(Containers.request(gateway.getSpec().getTemplate().getSpec().getContainers().get(0), "cpu")
                .isPresent(), "CPU utilisation needs a CPU request");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachModelScalesOnItsQueueDepth(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<GenericKubernetesResource> scaledObjects = rendered.generic("ScaledObject");
        for (Deployment deployment : rendered.inferenceDeployments()) {
            String name = deployment.getMetadata().getName();
            GenericKubernetesResource scaledObject = scaledObjects.stream()
                    .filter(s -> name.equals(s.get("spec", "scaleTargetRef", "name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no ScaledObject targets " + name));
            int min = ((Number) scaledObject.get("spec", "minReplicaCount")).intValue();
            int max = ((Number) scaledObject.get("spec", "maxReplicaCount")).intValue();
            assertTrue(min >= 1 && max > min, name + ": replicas " + min + ".." + max);
            List<Map<String, Object>> triggers = scaledObject.get("spec", "triggers");
            assertEquals(1, triggers.size(), name + ": triggers");
            assertEquals("prometheus", triggers.get(0).get("type"));
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) triggers.get(0).get("metadata");
            String query = (String) metadata.get("query");
            assertNotNull(metadata.get("serverAddress"), name + ": Prometheus address");
            assertTrue(query.contains("llm_num_requests_waiting"), name + ": query " + query);
            assertTrue(query.contains("pod=~\"" + name + "-.*\""),
                    name + ": the query must count only this model's pods: " + query);
            assertTrue(Double.parseDouble((String) metadata.get("threshold")) > 0, name + ": threshold");
        }
        assertEquals(rendered.inferenceDeployments().size(), scaledObjects.size(), overlay + ": ScaledObjects");
    }

    @Test
    void gpuOverlayCapsReplicasPerModel() {
        for (GenericKubernetesResource scaledObject : RenderedOverlay.of("gpu").generic("ScaledObject")) {
            int max = ((Number) scaledObject.get("spec", "maxReplicaCount")).intValue();
            assertTrue(max <= 2, scaledObject.getMetadata().getName() + ": " + max + " GPU replicas");
        }
    }
}
