package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Prometheus finds every service twice over: a Prometheus Operator PodMonitor per service (inference at /metrics,
 * the others at /q/metrics, on the pod's named port) and the plain prometheus.io annotations; the autoscaling queries
 * read only metrics the inference service exports.
 */
class MonitoringTest {

    static final List<String> OVERLAYS = RenderedOverlay.ALL;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    @SuppressWarnings("unchecked")
    void everyServiceHasAPodMonitorOnItsMetricsPath(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<GenericKubernetesResource> monitors = rendered.generic("PodMonitor");
        for (Workload workload : rendered.platformWorkloads()) {
            Platform service = workload.service().orElseThrow();
            List<GenericKubernetesResource> selecting = monitors.stream()
                    .filter(m -> workload.podLabels().entrySet().containsAll(
                            ((Map<String, String>) m.get("spec", "selector", "matchLabels")).entrySet()))
                    .toList();
            assertEquals(1, selecting.size(), workload.describe(overlay) + ": PodMonitors selecting its pods");
            List<Map<String, Object>> endpoints = selecting.get(0).get("spec", "podMetricsEndpoints");
            assertEquals(1, endpoints.size());
            assertEquals(service.metricsPath(), endpoints.get(0).get("path"), workload.describe(overlay));
            String port = (String) endpoints.get(0).get("port");
            assertTrue(workload.container().getPorts().stream().anyMatch(p -> port.equals(p.getName())
                    && p.getContainerPort() == service.port()), workload.describe(overlay) + ": port " + port);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    @SuppressWarnings("unchecked")
    void autoscalingQueriesReadOnlyExportedMetrics(String overlay) {
        for (GenericKubernetesResource scaledObject : RenderedOverlay.of(overlay).generic("ScaledObject")) {
            List<Map<String, Object>> triggers = scaledObject.get("spec", "triggers");
            String query = (String) ((Map<String, Object>) triggers.get(0).get("metadata")).get("query");
            Set<String> read = ExportedMetrics.readBy(query);
            assertEquals(Set.of("vllm:num_requests_running", "vllm:num_requests_waiting", "llmplatform_slots"), read,
                    scaledObject.getMetadata().getName() + ": " + query);
            read.forEach(m -> assertTrue(ExportedMetrics.isExported(m), m));
        }
    }

    @Test
    void metricExtractionSeesThroughPromQl() {
        assertEquals(Set.of("vllm:time_to_first_token_seconds_bucket"), ExportedMetrics.readBy(
                "histogram_quantile(0.99, sum by (le, model_name) (rate(vllm:time_to_first_token_seconds_bucket"
                        + "{namespace=\"$namespace\", model_name=~\"$model\"}[$__rate_interval])))"));
        assertEquals(Set.of("vllm:num_requests_running"),
                ExportedMetrics.readBy("label_values(vllm:num_requests_running{namespace=\"$namespace\"}, model_name)"));
        assertEquals(Set.of("gateway_generations_total", "unknown_metric"),
                ExportedMetrics.readBy("sum(rate(gateway_generations_total[5m])) / sum(unknown_metric)"));
        assertTrue(!ExportedMetrics.isExported("vllm:time_per_output_token_seconds_bucket"));
        assertTrue(!ExportedMetrics.isExported("llm_num_requests_waiting"));
    }
}
