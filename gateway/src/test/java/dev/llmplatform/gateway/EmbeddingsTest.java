package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings} over the fake backend: OpenAI's answer shape, both encodings, and every refusal. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class EmbeddingsTest {

    private static final String EMBEDDER = FakeInferenceBackend.EMBEDDER;

    private static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).post("/v1/embeddings").then();
    }

    private static ValidatableResponse refused(String body, int status, String code, String param) {
        return post(body).statusCode(status).body("error.code", equalTo(code)).body("error.param", equalTo(param));
    }

    @Test
    void eachTextGetsItsEmbeddingInOrderWithTheTokensCounted() {
        post("{\"model\":\"" + EMBEDDER + "\",\"input\":[\"ab\",\"abc\"],\"user\":\"u-1\"}").statusCode(200)
                .body("object", equalTo("list"))
                .body("model", equalTo(EMBEDDER))
                .body("data.object", equalTo(List.of("embedding", "embedding")))
                .body("data.index", equalTo(List.of(0, 1)))
                .body("data[0].embedding", equalTo(List.of(0f, 0f, 1f, 0f, 0f, 0f, 0f, 0f)))
                .body("data[1].embedding[3]", equalTo(1f))
                .body("usage.prompt_tokens", equalTo(7))
                .body("usage.total_tokens", equalTo(7));
        post("{\"model\":\"" + EMBEDDER + "\",\"input\":\"abcd\",\"encoding_format\":\"float\",\"dimensions\":8}")
                .statusCode(200).body("data.size()", equalTo(1)).body("data[0].embedding[4]", equalTo(1f));
    }

    @Test
    void base64IsTheLittleEndianFloat32sOpenAiClientsDecode() {
        String encoded = post("{\"model\":\"" + EMBEDDER + "\",\"input\":\"abc\",\"encoding_format\":\"base64\"}")
                .statusCode(200).extract().path("data[0].embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8 * Float.BYTES, bytes.remaining());
        for (int i = 0; i < 8; i++) {
            assertEquals(i == 3 ? 1f : 0f, bytes.getFloat(), "float " + i);
        }
    }

    @Test
    void theModelsListShowsWhatAnEmbeddingModelTakes() {
        given().get("/v1/models/" + EMBEDDER).then().statusCode(200)
                .body("embedding_length", equalTo(8))
                .body("pooling", equalTo("last"))
                .body("max_embedding_inputs", equalTo(4));
        given().get("/v1/models/" + FakeInferenceBackend.MODEL).then().statusCode(200)
                .body("embedding_length", nullValue())
                .body("pooling", nullValue());
    }

    @Test
    void badShapesAreRefusedNamingTheField() {
        String model = "{\"model\":\"" + EMBEDDER + "\"";
        refused(model + "}", 400, "invalid_value", "input");
        refused(model + ",\"input\":null}", 400, "invalid_value", "input");
        refused(model + ",\"input\":[]}", 400, "invalid_value", "input");
        refused(model + ",\"input\":{\"text\":\"a\"}}", 400, "invalid_value", "input");
        refused(model + ",\"input\":[\"a\",null]}", 400, "invalid_value", "input[1]");
        refused(model + ",\"input\":[1,2,3]}", 400, "unsupported_value", "input");
        refused(model + ",\"input\":[[1,2],[3]]}", 400, "unsupported_value", "input");
        refused(model + ",\"input\":\"a\",\"encoding_format\":\"hex\"}", 400, "unsupported_value", "encoding_format");
        refused(model + ",\"input\":\"a\",\"dimensions\":4}", 400, "unsupported_value", "dimensions");
        refused(model + ",\"input\":\"a\",\"dimensions\":\"8\"}", 400, "invalid_value", "dimensions");
        refused(model + ",\"input\":\"a\",\"inptu\":\"a\"}", 400, "unknown_parameter", "inptu");
        refused("{\"input\":\"a\"}", 400, "invalid_value", "model");
    }

    @Test
    void theServicesRefusalsNameTheInput() {
        String model = "{\"model\":\"" + EMBEDDER + "\"";
        refused(model + ",\"input\":[\"a\",\"\"]}", 400, "invalid_value", "input[1]")
                .body("error.message", equalTo("inputs[1] is empty; every input must hold text"));
        refused(model + ",\"input\":[\"overflow\"]}", 400, "context_length_exceeded", "input[0]");
        refused(model + ",\"input\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", 400, "invalid_value", "input");
        post(model + ",\"input\":\"busy\"}").statusCode(429).header("Retry-After", "2");
    }

    @Test
    void aModelIsUsedOnlyForWhatItServes() {
        refused("{\"model\":\"" + FakeInferenceBackend.MODEL + "\",\"input\":\"a\"}", 400, "model_not_supported",
                "model");
        refused("{\"model\":\"no-such-model\",\"input\":\"a\"}", 404, "model_not_found", "model");
        given().contentType("application/json").body("{\"model\":\"" + EMBEDDER + "\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}").post("/v1/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("model_not_supported")).body("error.param", equalTo("model"))
                .body("error.message", equalTo("The model '" + EMBEDDER + "' serves embeddings and does not"
                        + " generate text; use POST /v1/embeddings"));
    }
}
