package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What OpenAI clients read in every answer besides the text: a stable {@code system_fingerprint} on chat and
 * completion objects and on every stream chunk, and {@code logprobs: null} on every choice.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class OpenAiAnswerShapeTest {

    private static final String MODEL = FakeInferenceBackend.MODEL;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String chatBody(String extra) {
        return TestSupport.chat(MODEL, "hello", extra);
    }

    private static String completionBody(String extra) {
        return "{\"model\":\"" + MODEL + "\",\"prompt\":\"hello\"" + extra + "}";
    }

    @Test
    void wholeAnswersCarryAFingerprintAndNullLogprobs() {
        String fingerprint = given().contentType("application/json").body(chatBody("")).post("/v1/chat/completions")
                .then().statusCode(200)
                .body("system_fingerprint", startsWith("fp_"))
                .body("choices[0]", hasKey("logprobs"))
                .body("choices[0].logprobs", nullValue())
                .extract().path("system_fingerprint");
        given().contentType("application/json").body(completionBody("")).post("/v1/completions").then()
                .statusCode(200)
                .body("system_fingerprint", equalTo(fingerprint))
                .body("choices[0]", hasKey("logprobs"))
                .body("choices[0].logprobs", nullValue());
        given().contentType("application/json").body(chatBody("")).post("/v1/chat/completions").then()
                .body("system_fingerprint", equalTo(fingerprint));
    }

    @Test
    void streamChunksCarryAFingerprintAndNullLogprobs() throws Exception {
        String options = ",\"stream\":true,\"stream_options\":{\"include_usage\":true}";
        for (List<String> events : List.of(TestSupport.sse("/v1/chat/completions", chatBody(options)),
                TestSupport.sse("/v1/completions", completionBody(options)))) {
            String fingerprint = null;
            for (String event : events) {
                if (event.equals("[DONE]")) {
                    continue;
                }
                JsonNode chunk = MAPPER.readTree(event);
                assertTrue(chunk.path("system_fingerprint").asText().startsWith("fp_"), event);
                assertTrue(fingerprint == null || fingerprint.equals(chunk.get("system_fingerprint").asText()));
                fingerprint = chunk.get("system_fingerprint").asText();
                for (JsonNode choice : chunk.get("choices")) {
                    assertTrue(choice.has("logprobs") && choice.get("logprobs").isNull(), event);
                }
            }
            assertFalse(fingerprint == null, "chunks came");
        }
    }
}
