package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/llm-platform.json is valid JSON that Grafana imports (panels, Prometheus datasource variable), and
 * every PromQL expression in it, panel queries and variable queries alike, reads only metrics the services export;
 * it covers latency, load, KV cache, throughput, outcomes and the gateway.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/llm-platform.json");

    @Test
    void dashboardIsValidJsonWithPanelsOnThePrometheusVariable() throws IOException {
        JsonNode dashboard = read();
        assertFalse(dashboard.path("title").asText().isEmpty(), "title");
        assertEquals("llm-platform", dashboard.path("uid").asText(), "a stable uid for links and provisioning");
        assertTrue(dashboard.path("panels").size() >= 10, "panels");
        boolean datasourceVariable = false;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            datasourceVariable |= "datasource".equals(variable.path("type").asText())
                    && "prometheus".equals(variable.path("query").asText());
        }
        assertTrue(datasourceVariable, "a datasource variable, so the dashboard imports into any Prometheus setup");
        for (JsonNode panel : dashboard.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title")
                        .asText());
                assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText() + ": no query");
            }
        }
    }

    @Test
    void everyExpressionReadsOnlyExportedMetrics() throws IOException {
        List<String> expressions = expressions(read());
        assertFalse(expressions.isEmpty());
        for (String expression : expressions) {
            Set<String> metrics = ExportedMetrics.readBy(expression);
            assertFalse(metrics.isEmpty(), "reads no metric: " + expression);
            for (String metric : metrics) {
                assertTrue(ExportedMetrics.isExported(metric), metric + " is not exported by any service: "
                        + expression);
            }
        }
    }

    @Test
    void dashboardCoversLatencyLoadCacheThroughputOutcomesAndTheGateway() throws IOException {
        Set<String> read = new HashSet<>();
        expressions(read()).forEach(e -> read.addAll(ExportedMetrics.readBy(e)));
        for (String histogram : List.of("vllm:time_to_first_token_seconds", "vllm:inter_token_latency_seconds",
                "vllm:e2e_request_latency_seconds")) {
            assertTrue(read.contains(histogram + "_bucket"), histogram + " quantiles");
        }
        for (String metric : List.of("vllm:num_requests_running", "vllm:num_requests_waiting", "llmplatform_slots",
                "vllm:kv_cache_usage_perc", "vllm:prompt_tokens_total", "vllm:generation_tokens_total",
                "vllm:request_success_total", "http_server_requests_seconds_count", "gateway_generations_total")) {
            assertTrue(read.contains(metric), metric + " is on no panel");
        }
        assertTrue(expressions(read()).stream().anyMatch(e -> e.contains("finished_reason")),
                "request success by finish reason");
    }

    private static JsonNode read() throws IOException {
        return new ObjectMapper().readTree(RepositoryRoot.get().resolve(DASHBOARD).toFile());
    }

    /** Panel queries, nested panels included, and variable queries. */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        collectPanels(dashboard.path("panels"), expressions);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                expressions.add(query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
        return expressions;
    }

    private static void collectPanels(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
            collectPanels(panel.path("panels"), expressions);
        }
    }
}
