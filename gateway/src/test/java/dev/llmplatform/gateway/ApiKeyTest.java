package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmplatform.gateway.fakes.FakeBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With API keys configured, /v1 needs a Bearer key (or api_key on the WebSocket); health and the UI stay open. */
@QuarkusTest
@TestProfile(ApiKeyTest.WithKeys.class)
@QuarkusTestResource(FakeBackends.class)
class ApiKeyTest {

    /** Two keys. */
    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.api-keys", "k-one,k-two");
        }
    }

    @Test
    void restNeedsAValidBearerKey() {
        given().get("/v1/models").then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        given().header("Authorization", "Bearer wrong").get("/v1/models").then().statusCode(401);
        given().header("Authorization", "Bearer k-two").get("/v1/models").then().statusCode(200)
                .body("data[0].id", equalTo(FakeInferenceBackend.MODEL));
        given().contentType("application/json").body(ChatCompletionsTest.chat("hello", ""))
                .post("/v1/chat/completions").then().statusCode(401);
        given().get("/").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void webSocketTakesTheKeyAsAQueryParameter() throws Exception {
        assertEquals(401, RawHttp.handshake("/v1/chat/ws", null).status());
        assertEquals(101, RawHttp.handshake("/v1/chat/ws?api_key=k-one", null).status());
    }

    @Test
    void applyTemplateIsAnApiRoute() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        given().contentType("application/json").body(body).post("/apply-template").then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
        given().header("Authorization", "Bearer k-one").contentType("application/json").body(body)
                .post("/apply-template").then().statusCode(200).body("prompt", equalTo("<|user|>hi<|assistant|>"));
    }
}
