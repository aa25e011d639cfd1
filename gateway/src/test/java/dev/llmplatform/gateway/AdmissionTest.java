package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.fakes.FakeBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-model admission in the gateway: one running, one queued, the next refused with 429 and Retry-After. */
@QuarkusTest
@TestProfile(AdmissionTest.TightLimits.class)
@QuarkusTestResource(FakeBackends.class)
class AdmissionTest {

    /** Limits small enough to fill with two WebSocket answers. */
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.admission.max-concurrent", "1", "gateway.admission.max-queue", "1",
                    "gateway.admission.retry-after", "5");
        }
    }

    @Inject
    Vertx vertx;

    @Test
    void beyondRunningPlusQueueIs429WithRetryAfter() throws Exception {
        TestSupport.awaitReady();
        try (WsClient ws = WsClient.connect(vertx, null)) {
            ws.send(ChatSocketTest.chatFrame("running", "slow"));
            ws.await(WsClient.frame("delta", "running"));
            ws.send(ChatSocketTest.chatFrame("queued", "hello"));
            TestSupport.sleep(200);
            Response refused = given().contentType("application/json")
                    .body(ChatCompletionsTest.chat("hello", "")).post("/v1/chat/completions");
            refused.then().statusCode(429).body("error.message", containsString("1 running and 1 queued"));
            assertEquals("5", refused.header("Retry-After"));
            ws.send("{\"type\":\"stop\",\"id\":\"running\"}");
            // stopping hands the place over at once, so the queued answer may finish before the stop is answered
            Map<String, JsonNode> done = new HashMap<>();
            while (done.size() < 2) {
                JsonNode frame = ws.await(f -> "done".equals(f.path("type").asText()));
                done.put(frame.path("id").asText(), frame);
            }
            assertEquals(Set.of("running", "queued"), done.keySet());
            assertEquals("stop", done.get("queued").get("finish_reason").asText(),
                    "the queued answer runs once the place is free");
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_generations_total{model=\"fake-model\",outcome=\"429\"}"));
        given().contentType("application/json").body(ChatCompletionsTest.chat("hello", ""))
                .post("/v1/chat/completions").then().statusCode(200).body("object", equalTo("chat.completion"));
    }
}
