package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInference;
import dev.llmplatform.gateway.inference.EndpointRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code llm.grpc.token} set, the gateway sends the token on every gRPC call: backends that require it (as the
 * real services do with LLM_GRPC_TOKEN) answer chats, tokenizer calls and the GetModelInfo/GetLoad probes; backends
 * that require another token refuse all of them.
 */
@QuarkusTest
@TestProfile(GrpcTokenTest.WithToken.class)
@QuarkusTestResource(FakeBackends.class)
class GrpcTokenTest {

    /** The gateway's token. */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.grpc.token", "s3cret");
        }
    }

    @Inject
    EndpointRegistry registry;

    @AfterEach
    void openAgain() {
        FakeBackends.REQUIRED_TOKEN.set(null);
    }

    @Test
    void backendsThatRequireTheTokenAnswerEveryCall() {
        FakeBackends.REQUIRED_TOKEN.set("s3cret");
        registry.refresh().await().atMost(Duration.ofSeconds(5));
        TestSupport.awaitReady();
        given().get("/v1/models").then().statusCode(200).body("data[0].id", equalTo(FakeBackends.MODEL));
        given().contentType("application/json").body(ChatCompletionsTest.chat("hello", ""))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo(String.join("", FakeInference.PIECES)));
        given().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"hola\"}")
                .post("/v1/tokenize").then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void backendsThatRequireAnotherTokenRefuseEveryCall() {
        TestSupport.awaitReady();
        FakeBackends.REQUIRED_TOKEN.set("other");
        given().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"hola\"}")
                .post("/v1/tokenize").then().statusCode(502);
        registry.refresh().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(5));
        given().get("/v1/models").then().statusCode(200).body("data.size()", equalTo(0));
        given().get("/q/health/ready").then().statusCode(503);
    }
}
