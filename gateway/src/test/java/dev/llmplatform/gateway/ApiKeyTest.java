package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmplatform.gateway.fakes.FakeBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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

    @Inject
    Vertx vertx;

    @Test
    void restNeedsAValidBearerKey() {
        TestSupport.awaitReady();
        given().get("/v1/models").then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        given().header("Authorization", "Bearer wrong").get("/v1/models").then().statusCode(401);
        given().header("Authorization", "Bearer k-two").get("/v1/models").then().statusCode(200)
                .body("data[0].id", equalTo(FakeBackends.MODEL));
        given().contentType("application/json").body(ChatCompletionsTest.chat("hello", ""))
                .post("/v1/chat/completions").then().statusCode(401);
        given().get("/").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void webSocketTakesTheKeyAsAQueryParameter() throws Exception {
        var client = vertx.createWebSocketClient();
        WebSocketConnectOptions without = new WebSocketConnectOptions().setHost("localhost").setPort(18180)
                .setURI("/v1/chat/ws");
        assertThrows(ExecutionException.class, () -> client.connect(without).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
        var socket = client.connect(new WebSocketConnectOptions(without).setURI("/v1/chat/ws?api_key=k-one"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket.close();
    }
}
