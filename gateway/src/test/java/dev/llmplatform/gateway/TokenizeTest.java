package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.GrpcFakes;
import dev.llmplatform.gateway.fakes.InjectFakes;
import dev.llmplatform.testkit.await.Await;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tokenizer REST through the named gRPC client to the fake tokenizer service: answers, the service's own validation
 * passed through, 404 and 503 mapping, cost against a served model's context with unknown prices.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class TokenizeTest {

    @InjectFakes
    GrpcFakes fakes;

    @Test
    void tokenizeReturnsIdsTokensAndBothOffsets() {
        given().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"hola señor\"}")
                .post("/v1/tokenize").then().statusCode(200)
                .body("tokenizer", equalTo("words"))
                .body("ids", contains(4, 5))
                .body("tokens", contains("hola", "señor"))
                .body("offsets[1]", contains(5, 10))
                .body("byte_offsets[1]", contains(5, 11))
                .body("count", equalTo(2))
                .body("special_mask", contains(false, false));
    }

    @Test
    void countReportsCharactersAndBytes() {
        given().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"año nuevo\"}")
                .post("/v1/tokenize/count").then().statusCode(200)
                .body("count", equalTo(2)).body("characters", equalTo(9)).body("bytes", equalTo(10));
        given().contentType("application/json").body("{\"tokenizer\":\"words\",\"texts\":[\"a b\",\"c\"]}")
                .post("/v1/tokenize/count/batch").then().statusCode(200)
                .body("counts", contains(2, 1)).body("total", equalTo(3));
    }

    @Test
    void unknownTokenizerIs404() {
        given().contentType("application/json").body("{\"tokenizer\":\"no-such\",\"text\":\"x\"}")
                .post("/v1/tokenize").then().statusCode(404)
                .body("error.code", equalTo("tokenizer_not_found"))
                .body("error.message", equalTo("Unknown tokenizer 'no-such'"));
    }

    @Test
    void missingTextIs400AndTheServiceJudgesValues() {
        given().contentType("application/json").body("{\"tokenizer\":\"words\"}")
                .post("/v1/tokenize").then().statusCode(400).body("error.param", equalTo("text"));
        given().contentType("application/json").body("{\"tokenizer\":\"words\",\"ids\":[1,-2]}")
                .post("/v1/detokenize").then().statusCode(400)
                .body("error.message", equalTo("ids must not be negative"));
        given().contentType("application/json").body("{\"tokenizer\":\"words\",\"ids\":[1.5]}")
                .post("/v1/detokenize").then().statusCode(400).body("error.param", equalTo("ids[0]"));
        String seventeen = "\"words\",".repeat(16) + "\"words\"";
        given().contentType("application/json").body("{\"text\":\"a\",\"tokenizers\":[" + seventeen + "]}")
                .post("/v1/tokenizers/compare").then().statusCode(400)
                .body("error.message", equalTo("tokenizers must name 1 to 16 tokenizers, got 17"));
    }

    @Test
    void costAndFitAddTheTotal() {
        given().contentType("application/json").body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hola\"}],\"max_output_tokens\":100}").post("/v1/tokenizers/cost").then().statusCode(200)
                .body("prompt_tokens", equalTo(7)).body("tokens_left", equalTo(127993)).body("fits", equalTo(true))
                .body("prices_known", equalTo(true))
                .body("total_cost_usd", equalTo(0.75f)).body("template_source", equalTo("none"));
        given().contentType("application/json").body("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}").post("/v1/tokenizers/cost").then().statusCode(404).body("error.code", equalTo("model_not_found"));
        given().contentType("application/json").body("{\"model\":\"gpt-4o\",\"messages\":[]}")
                .post("/v1/tokenizers/cost").then().statusCode(400).body("error.param", equalTo("messages"));
    }

    @Test
    void aServedModelIsCountedAgainstItsServedContextAndUnknownPricesAreNull() {
        String raw = given().contentType("application/json").body("{\"model\":\"" + GrpcFakes.MODEL + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hola\"}],\"max_output_tokens\":300}")
                .post("/v1/tokenizers/cost").then().statusCode(200)
                .body("context_length", equalTo(256))
                .body("fits", equalTo(false))
                .body("prices_known", equalTo(false))
                .body("input_cost_usd", nullValue())
                .body("total_cost_usd", nullValue())
                .extract().asString();
        assertTrue(raw.contains("\"input_cost_usd\":null") && raw.contains("\"output_cost_usd\":null"), raw);
    }

    @Test
    void languageEfficiencyRows() {
        given().contentType("application/json").body("{}").post("/v1/tokenizers/language-efficiency").then()
                .statusCode(200).body("builtin_sample", equalTo(true))
                .body("rows[0].spanish_tokens", equalTo(12)).body("rows[0].ratio", equalTo(1.2f));
    }

    @Test
    void tokenizerServiceDownIs503QuicklyAndRecovers() throws Exception {
        fakes.stopTokenizer();
        try {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                given().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"x\"}")
                        .post("/v1/tokenize").then().statusCode(503)
                        .body("error.message", equalTo("The tokenizer service is unavailable"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 3_000, "503 took " + millis + " ms");
            }
        } finally {
            fakes.restartTokenizer();
        }
        Await.until(() -> given().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"x\"}")
                .post("/v1/tokenize").statusCode(), status -> status == 200, Duration.ofSeconds(30),
                Duration.ofMillis(200), "tokenizer calls work again after the service is back");
    }
}
