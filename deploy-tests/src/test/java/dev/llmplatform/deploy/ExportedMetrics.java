package dev.llmplatform.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the platform's services export, and the metric names a PromQL expression reads. The inference
 * service exports vLLM's names at /metrics (every series with a model_name label) plus llmplatform_slots; the gateway
 * its gateway_* metrics and Quarkus's HTTP server metrics at /q/metrics.
 */
final class ExportedMetrics {

    static final Set<String> GAUGES = Set.of("vllm:num_requests_running", "vllm:num_requests_waiting",
            "vllm:kv_cache_usage_perc", "llmplatform_slots");
    static final Set<String> HISTOGRAMS = Set.of("vllm:time_to_first_token_seconds",
            "vllm:inter_token_latency_seconds", "vllm:e2e_request_latency_seconds", "vllm:request_queue_time_seconds");
    static final Set<String> COUNTERS = Set.of("vllm:prompt_tokens_total", "vllm:generation_tokens_total",
            "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total", "vllm:request_success_total");
    /** Families whose every series the services export under that prefix. */
    static final List<String> PREFIXES = List.of("gateway_", "http_server_requests_seconds_");

    /** PromQL words that are not metric names: aggregations, functions, keywords. */
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "avg", "min", "max", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "rate", "irate", "increase", "delta", "idelta",
            "histogram_quantile", "clamp_min", "clamp_max", "abs", "ceil", "floor", "round", "vector", "scalar",
            "label_values", "label_replace", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time",
            "time", "absent", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*"
            + "\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES_LABEL = Pattern.compile(",\\s*[a-zA-Z_]\\w*\\s*\\)");

    private ExportedMetrics() {
    }

    /** Whether the services export a series with this name (histogram series with their suffixes). */
    static boolean isExported(String name) {
        if (GAUGES.contains(name) || COUNTERS.contains(name) || PREFIXES.stream().anyMatch(name::startsWith)) {
            return true;
        }
        return HISTOGRAMS.stream().anyMatch(h -> name.equals(h + "_bucket") || name.equals(h + "_sum")
                || name.equals(h + "_count"));
    }

    /** The metric names an expression reads. */
    static Set<String> readBy(String promql) {
        String stripped = LABEL_VALUES_LABEL.matcher(promql).replaceAll(")");
        stripped = VARIABLE.matcher(stripped).replaceAll(" ");
        stripped = STRING.matcher(stripped).replaceAll(" ");
        stripped = MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = RANGE.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String word = identifier.group();
            int end = identifier.end();
            boolean call = end < stripped.length() && stripped.substring(end).stripLeading().startsWith("(");
            if (PROMQL_WORDS.contains(word) || (call && !word.contains(":"))) {
                continue;
            }
            if (identifier.start() > 0 && Character.isDigit(stripped.charAt(identifier.start() - 1))) {
                continue;
            }
            metrics.add(word);
        }
        return metrics;
    }
}
