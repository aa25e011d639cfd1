package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmplatform.testkit.await.Await;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.otlp.OtlpReceiver;
import dev.llmplatform.testkit.otlp.ReceivedSpan;
import dev.llmplatform.testkit.platform.Platform;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One trace across the services: a client's W3C {@code traceparent} is continued by the gateway, over gRPC by the
 * inference and tokenizer services, and every span reaches the OTLP receiver under the client's trace id with the
 * parent links intact; an error body names the trace.
 */
class TraceIT {

    private static final Duration EXPORTED_WITHIN = Duration.ofSeconds(30);
    private final Platform platform = SharedPlatform.get();
    private final OtlpReceiver receiver = SharedPlatform.traces();
    private final HttpJson http = new HttpJson();

    @Test
    void aChatIsOneTraceFromTheClientThroughTheGatewayToTheInferenceService() {
        String traceId = hex(16);
        String clientSpan = hex(8);
        HttpJson.Reply reply = post("/v1/chat/completions", traceId, clientSpan, Map.of("model",
                SharedPlatform.STORIES, "max_tokens", 4, "temperature", 0,
                "messages", List.of(Map.of("role", "user", "content", "Once upon a time"))));
        assertEquals(200, reply.status(), reply.raw());
        List<ReceivedSpan> spans = await(traceId, all -> names(all, "inference-service").containsAll(Set.of("queue",
                "prompt", "decode", "llmplatform.inference.v1.InferenceService/Generate"))
                && names(all, "gateway").containsAll(Set.of(
                        "gateway admission", "llmplatform.inference.v1.InferenceService/Generate"))
                && all.stream().anyMatch(s -> s.parentSpanId().equals(clientSpan)));
        ReceivedSpan server = only(spans, s -> s.service().equals("gateway") && s.parentSpanId().equals(clientSpan));
        ReceivedSpan call = only(spans, s -> s.service().equals("gateway")
                && s.name().equals("llmplatform.inference.v1.InferenceService/Generate"));
        ReceivedSpan inference = only(spans, s -> s.service().equals("inference-service")
                && s.parentSpanId().equals(call.spanId()));
        assertEquals("llmplatform.inference.v1.InferenceService/Generate", inference.name(),
                "the inference service's only span under the call is its gRPC server span");
        assertEquals(server.spanId(), call.parentSpanId(), "the gRPC call is a child of the HTTP request: " + spans);
        for (String phase : List.of("queue", "prompt", "decode")) {
            ReceivedSpan span = only(spans, s -> s.service().equals("inference-service") && s.name().equals(phase));
            assertEquals(inference.spanId(), span.parentSpanId(), phase + " is a child of the Generate call");
        }
        assertEquals(List.of(), receiver.unreadable(), "every export was readable OTLP");
        spans.forEach(s -> System.out.printf("trace %s: %-17s %-52s span %s parent %s%n", s.traceId(), s.service(),
                s.name(), s.spanId(), s.parentSpanId()));
    }

    @Test
    void aTokenizeRequestIsTracedIntoTheTokenizerService() {
        String traceId = hex(16);
        HttpJson.Reply reply = post("/v1/tokenize", traceId, hex(8), Map.of("tokenizer", "gpt2", "text", "hello"));
        assertEquals(200, reply.status(), reply.raw());
        // each service exports in its own batches: wait until the gateway's client span is in as well
        List<ReceivedSpan> spans = await(traceId, all -> all.stream()
                .filter(s -> s.service().equals("tokenizer-service"))
                .anyMatch(t -> all.stream().anyMatch(g -> g.service().equals("gateway")
                        && g.spanId().equals(t.parentSpanId()))));
        ReceivedSpan tokenizer = spans.stream().filter(s -> s.service().equals("tokenizer-service")).findFirst()
                .orElseThrow();
        ReceivedSpan call = only(spans, s -> s.spanId().equals(tokenizer.parentSpanId()));
        assertEquals("llmplatform.tokenizer.v1.TokenizerService/Encode", call.name(),
                "the gateway's client span of the call: " + spans);
        assertEquals("llmplatform.tokenizer.v1.TokenizerService/Encode", tokenizer.name(), "its server span");
    }

    @Test
    void anErrorBodyNamesTheTrace() {
        String traceId = hex(16);
        HttpJson.Reply reply = post("/v1/chat/completions", traceId, hex(8), Map.of("model", SharedPlatform.STORIES,
                "messages", List.of()));
        assertEquals(400, reply.status(), reply.raw());
        assertEquals(traceId, reply.json().path("error").path("trace_id").asText(), reply.raw());
    }

    private HttpJson.Reply post(String path, String traceId, String parentSpan, Map<String, Object> body) {
        return http.send(HttpRequest.newBuilder(URI.create(platform.gateway().baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    private List<ReceivedSpan> await(String traceId, Predicate<List<ReceivedSpan>> complete) {
        return Await.until(() -> receiver.trace(traceId), complete, EXPORTED_WITHIN,
                "the spans of trace " + traceId + " at the OTLP receiver");
    }

    private static Set<String> names(List<ReceivedSpan> spans, String service) {
        return spans.stream().filter(s -> s.service().equals(service)).map(ReceivedSpan::name)
                .collect(Collectors.toSet());
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, Predicate<ReceivedSpan> which) {
        List<ReceivedSpan> found = spans.stream().filter(which).toList();
        assertEquals(1, found.size(), "exactly one such span in " + spans);
        return found.get(0);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(random);
    }
}
