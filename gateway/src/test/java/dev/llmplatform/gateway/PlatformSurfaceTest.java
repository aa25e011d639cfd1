package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, OpenAPI, the web UI and the tokenizer listing. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class PlatformSurfaceTest {

    @Test
    void readinessIsTheGatewaysOwnAndReportsTheServedModels() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'gateway' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'gateway' }.data.models", equalTo(FakeInferenceBackend.MODEL));
    }

    @Test
    void openApiDescribesRestAndStreamingRoutes() {
        String doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : new String[] {"/v1/tokenize", "/v1/chat/completions", "/v1/completions", "/v1/models",
            "/v1/tokenizers/cost", "/apply-template"}) {
            assertTrue(doc.contains("\"" + path + "\""), path + " missing");
        }
    }

    @Test
    void webUiPagesAreServedAndReadTheModelsLimits() {
        given().get("/").then().statusCode(200).body(containsString("<html"))
                .body(containsString("data-testid=\"model-select\""));
        given().get("/playground.html").then().statusCode(200).body(containsString("data-testid=\"pg-text\""));
        String chat = given().get("/chat.js").then().statusCode(200).body(containsString("/v1/chat/ws"))
                .extract().asString();
        assertTrue(chat.contains("default_max_tokens") && chat.contains("limits"), "defaults come from the model");
        String page = given().get("/").then().extract().asString();
        assertFalse(page.contains("value=\"256\""), "no max_tokens default hard-coded in the page");
    }

    @Test
    void tokenizersAreListedWithTheServicesLimits() {
        given().get("/v1/tokenizers").then().statusCode(200)
                .body("tokenizers.name", hasItem("words"))
                .body("tokenizers[0].family", equalTo("wordpiece"))
                .body("tokenizers[0].vocab_size", equalTo(30522))
                .body("limits.max_text_bytes", equalTo(1 << 20))
                .body("limits.max_tokenizers_per_request", equalTo(16))
                .body("limits.max_decode_ids", equalTo(65536));
    }
}
