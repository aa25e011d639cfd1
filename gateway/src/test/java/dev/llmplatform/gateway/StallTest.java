package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInference;
import dev.llmplatform.gateway.inference.Endpoint;
import dev.llmplatform.gateway.inference.EndpointRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backends that hang instead of failing: one that accepts a call and then goes silent mid-stream, one that never
 * answers at all (a stopped process, probes included), and one that is slow but alive (Progress for a long prompt)
 * and must not be cut. Endpoints are probed only when a test asks, so what the stall detection did is seen alone.
 */
@QuarkusTest
@TestProfile(StallTest.ShortTimeouts.class)
@QuarkusTestResource(FakeBackends.class)
class StallTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Short accept and stall timeouts, one-second keep-alives, probes only on demand. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.inference.accept-timeout", "1s", "gateway.inference.stall-timeout", "2s",
                    "gateway.inference.probe-deadline", "1s", "gateway.inference.refresh-interval", "1h",
                    "gateway.sse.keep-alive-interval", "1s");
        }
    }

    @Inject
    EndpointRegistry registry;

    @Inject
    Vertx vertx;

    @AfterEach
    void restart() {
        FakeBackends.FIRST.stopped.set(false);
        FakeBackends.SECOND.stopped.set(false);
        FakeBackends.SECOND.reportedRunning.set(0);
        refresh();
    }

    @Test
    void aStreamThatGoesSilentEndsWithAnExplicitErrorAndItsEndpointLeavesRouting() throws Exception {
        refresh();
        int cancelledBefore = cancelled();
        long start = System.nanoTime();
        List<String> events = sse(ChatCompletionsTest.chat("stall", ",\"stream\":true"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // upper bounds are loose: the build machine may be heavily shared
        assertTrue(millis >= 2_000 && millis < 20_000, "cut after the 2 s stall timeout, took " + millis + " ms");
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonNode error = MAPPER.readTree(events.get(events.size() - 2)).get("error");
        assertEquals("backend_stalled", error.get("code").asText());
        String message = error.get("message").asText();
        assertTrue(message.contains("sent nothing for 2 s") && message.contains("cut off"), message);
        assertFalse(message.contains("127.0.0.1") || message.contains("available"), message);
        assertTrue(events.stream().anyMatch(e -> e.contains(" upon")), "the text before the stall was delivered");
        awaitCancelled(cancelledBefore + 1);
        assertEquals(1, registry.all().stream().filter(e -> !e.ready()).count(),
                "the silent endpoint is out of routing until a probe answers");
        refresh();
        assertEquals(2, registry.all().stream().filter(Endpoint::ready).count(), "a probe brings it back");
    }

    @Test
    void aWebSocketAnswerThatGoesSilentEndsWithAnErrorFrame() throws Exception {
        refresh();
        try (WsClient ws = WsClient.connect(vertx, null)) {
            ws.send(ChatSocketTest.chatFrame("s1", "stall"));
            ws.await(WsClient.frame("delta", "s1"));
            JsonNode error = ws.await(WsClient.frame("error", "s1"));
            assertEquals("backend_stalled", error.at("/error/code").asText());
            assertTrue(error.at("/error/message").asText().contains("cut off"));
        }
    }

    @Test
    void aStoppedEndpointIsSkippedAndProbesTakeItOutOfRouting() throws Exception {
        FakeBackends.SECOND.reportedRunning.set(3);
        refresh(); // FIRST is the least loaded, so it is tried first
        FakeBackends.FIRST.stopped.set(true);
        int firstCalls = FakeBackends.FIRST.calls.get();
        int secondCalls = FakeBackends.SECOND.calls.get();
        long start = System.nanoTime();
        given().contentType("application/json").body(ChatCompletionsTest.chat("hello", ""))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo(String.join("", FakeInference.PIECES)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 1_000 && millis < 20_000, "failed over after the 1 s accept timeout, took " + millis);
        assertEquals(firstCalls + 1, FakeBackends.FIRST.calls.get());
        assertEquals(secondCalls + 1, FakeBackends.SECOND.calls.get());

        given().contentType("application/json").body(ChatCompletionsTest.chat("hello", ""))
                .post("/v1/chat/completions").then().statusCode(200);
        assertEquals(firstCalls + 1, FakeBackends.FIRST.calls.get(), "the suspect endpoint gets no new request");
        assertEquals(secondCalls + 2, FakeBackends.SECOND.calls.get(), "a new request goes straight to the other one");

        refresh(); // its probes time out (1 s): still out of routing
        assertEquals(1, registry.all().stream().filter(Endpoint::ready).count());
        given().get("/v1/models").then().statusCode(200).body("data[0].endpoints", equalTo(1));
    }

    @Test
    void aLongPromptThatSendsProgressIsNotCutAndTheStreamIsKeptAlive() throws Exception {
        refresh();
        String raw = given().contentType("application/json").body(ChatCompletionsTest.chat("prefill",
                ",\"stream\":true")).post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertTrue(raw.contains(": keep-alive\n\n"), "keep-alive comments while the prompt is evaluated: " + raw);
        assertTrue(raw.indexOf(": keep-alive") < raw.indexOf("\"content\":\"Once\""), raw);
        assertFalse(raw.contains("\"error\""), raw);
        assertTrue(raw.endsWith("data: [DONE]\n\n"), raw);
    }

    @Test
    void aQuickAnswerHasNoKeepAlive() {
        refresh();
        String raw = given().contentType("application/json").body(ChatCompletionsTest.chat("hello",
                ",\"stream\":true")).post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertFalse(raw.contains("keep-alive"), raw);
    }

    private void refresh() {
        registry.refresh().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(10));
    }

    private static int cancelled() {
        return FakeBackends.FIRST.cancelled.get() + FakeBackends.SECOND.cancelled.get();
    }

    private static void awaitCancelled(int expected) {
        long end = System.currentTimeMillis() + 2_000;
        while (cancelled() < expected) {
            assertTrue(System.currentTimeMillis() < end, "the silent call was not cancelled");
            TestSupport.sleep(20);
        }
    }

    private static List<String> sse(String body) {
        String raw = given().contentType("application/json").body(body).post("/v1/chat/completions").then()
                .statusCode(200).extract().asString();
        List<String> events = new ArrayList<>();
        for (String line : raw.split("\n")) {
            if (line.startsWith("data:")) {
                events.add(line.substring(5).strip());
            }
        }
        return events;
    }
}
