package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Tokenizer REST proxied to the fake tokenizer service, with 404 and 503 mapping. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class TokenizeTest {

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
    }

    @Test
    void unknownTokenizerIs404() {
        given().contentType("application/json").body("{\"tokenizer\":\"no-such\",\"text\":\"x\"}")
                .post("/v1/tokenize").then().statusCode(404)
                .body("error.code", equalTo("tokenizer_not_found"))
                .body("error.message", equalTo("Unknown tokenizer 'no-such'"));
    }

    @Test
    void missingTextIs400() {
        given().contentType("application/json").body("{\"tokenizer\":\"words\"}")
                .post("/v1/tokenize").then().statusCode(400).body("error.param", equalTo("text"));
    }

    @Test
    void costAndFitAddTheTotal() {
        given().contentType("application/json").body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hola\"}],\"max_output_tokens\":100}").post("/v1/tokenizers/cost").then().statusCode(200)
                .body("prompt_tokens", equalTo(7)).body("tokens_left", equalTo(127993)).body("fits", equalTo(true))
                .body("total_cost_usd", equalTo(0.75f)).body("template_source", equalTo("none"));
        given().contentType("application/json").body("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}").post("/v1/tokenizers/cost").then().statusCode(404).body("error.code", equalTo("model_not_found"));
        given().contentType("application/json").body("{\"model\":\"gpt-4o\",\"messages\":[]}")
                .post("/v1/tokenizers/cost").then().statusCode(400).body("error.param", equalTo("messages"));
    }

    @Test
    void languageEfficiencyRows() {
        given().contentType("application/json").body("{}").post("/v1/tokenizers/language-efficiency").then()
                .statusCode(200).body("builtin_sample", equalTo(true))
                .body("rows[0].spanish_tokens", equalTo(12)).body("rows[0].ratio", equalTo(1.2f));
    }

    @Test
    void tokenizerServiceDownIs503QuicklyAndRecovers() throws Exception {
        FakeBackends.stopTokenizer();
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
            FakeBackends.restartTokenizer();
        }
        long end = System.currentTimeMillis() + 30_000;
        int status = 0;
        while (System.currentTimeMillis() < end && status != 200) {
            status = given().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"x\"}")
                    .post("/v1/tokenize").statusCode();
            TestSupport.sleep(200);
        }
        assertTrue(status == 200, "tokenizer calls work again after the service is back, got " + status);
    }
}
