package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.llmplatform.gateway.fakes.FakeBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, OpenAPI, the web UI and the tokenizer listing. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class PlatformSurfaceTest {

    @Test
    void healthIsUpOnceAModelIsServed() {
        TestSupport.awaitReady();
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'inference-endpoints' }.data.models", equalTo(FakeBackends.MODEL));
    }

    @Test
    void openApiDescribesRestAndStreamingRoutes() {
        String doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : new String[] {"/v1/tokenize", "/v1/chat/completions", "/v1/completions", "/v1/models",
            "/v1/tokenizers/cost"}) {
            org.junit.jupiter.api.Assertions.assertTrue(doc.contains("\"" + path + "\""), path + " missing");
        }
    }

    @Test
    void webUiPagesAreServed() {
        given().get("/").then().statusCode(200).body(containsString("<html"))
                .body(containsString("data-testid=\"model-select\""));
        given().get("/playground.html").then().statusCode(200).body(containsString("data-testid=\"pg-text\""));
        given().get("/chat.js").then().statusCode(200).body(containsString("/v1/chat/ws"));
    }

    @Test
    void tokenizersAreListed() {
        given().get("/v1/tokenizers").then().statusCode(200)
                .body("tokenizers.name", hasItem("words"))
                .body("tokenizers[0].family", equalTo("wordpiece"))
                .body("tokenizers[0].vocab_size", equalTo(30522));
    }
}
