package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInference;
import dev.llmplatform.gateway.fakes.GrpcFakes;
import dev.llmplatform.gateway.fakes.InjectFakes;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.testkit.await.Await;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway wired to the gRPC fakes: Stork's static list, the router, the named tokenizer client, the shared token
 * on every call. Readiness stays the gateway's own whatever the model's endpoints do.
 */
@QuarkusTest
@TestProfile(GrpcBackendProfile.class)
@QuarkusTestResource(FakeBackends.class)
class GrpcBackendTest {

    private static final String MODEL = GrpcFakes.MODEL;

    @InjectFakes
    GrpcFakes fakes;

    /** The profile allows 6 connections per client: every request here asks for its connection to be closed. */
    private static RequestSpecification request() {
        return given().header("Connection", "close");
    }

    @AfterEach
    void backToNormal() {
        fakes.reset();
        awaitModels(true);
    }

    @Test
    void chatsToolsTokenizerCallsAndProbesCarryTheToken() {
        fakes.requireToken(GrpcBackendProfile.TOKEN);
        awaitModels(true);
        request().get("/v1/models").then().statusCode(200)
                .body("data[0].id", equalTo(MODEL))
                .body("data[0].endpoints", equalTo(2))
                .body("data[0].context_length", equalTo(256))
                .body("data[0].limits.max_top_k", equalTo(FakeInference.LIMITS.getMaxTopK()))
                .body("data[0].limits.max_stop_bytes", equalTo(256));
        request().contentType("application/json").body("{\"model\":\"" + MODEL + "\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"weather?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"name\":\"get_weather\",\"content\":\"hello\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{}}}],"
                + "\"max_tokens\":16,\"temperature\":0.5}")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo(String.join("", FakeInference.PIECES)));
        var sent = fakes.lastRequest.get();
        assertEquals(16, sent.getParams().getMaxTokens());
        assertEquals(0.5f, sent.getParams().getTemperature());
        ChatMessage call = sent.getChat().getMessages(1);
        assertEquals("get_weather", call.getToolCalls(0).getName());
        assertEquals("{}", call.getToolCalls(0).getArgumentsJson());
        assertEquals("c1", sent.getChat().getMessages(2).getToolCallId());
        assertEquals("{}", sent.getChat().getTools(0).getParametersJson());
        request().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"hola\"}")
                .post("/v1/tokenize").then().statusCode(200).body("count", equalTo(1));
        request().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/apply-template").then().statusCode(200)
                .body("prompt", equalTo("<|user|>hi<|assistant|>")).body("tokens", equalTo(3));
    }

    @Test
    void servicesThatRequireAnotherTokenRefuseEveryCallAndTheGatewayStaysReady() {
        fakes.requireToken("other");
        request().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"hola\"}")
                .post("/v1/tokenize").then().statusCode(502);
        awaitModels(false);
        request().contentType("application/json").body(TestSupport.chat(MODEL, "hello", ""))
                .post("/v1/chat/completions").then().statusCode(503)
                .body("error.message", containsString("No endpoint of the model 'fake-model' is ready"));
        request().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aModelWithoutAReadyEndpointIs503WhileTheGatewayStaysReady() {
        fakes.first.ready.set(false);
        fakes.second.ready.set(false);
        awaitModels(false);
        request().contentType("application/json").body(TestSupport.chat(MODEL, "hello", ",\"stream\":true"))
                .post("/v1/chat/completions").then().statusCode(503)
                .header("Retry-After", equalTo("1"))
                .body("error.message", equalTo("No endpoint of the model 'fake-model' is ready (2 known: loading,"
                        + " draining or unreachable); retry later"));
        request().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/apply-template").then().statusCode(503);
        request().get("/q/health/ready").then().statusCode(200);
        request().get("/").then().statusCode(200);
    }

    @Test
    void aConversationStaysOnOneReplicaUntilThatReplicaIsMuchBusierThanTheOther() {
        awaitModels(true);
        String system = "{\"role\":\"system\",\"content\":\"You tell stories.\"},"
                + "{\"role\":\"user\",\"content\":\"A story about a fox.\"}";
        String history = "";
        int firstBefore = fakes.first.calls.get();
        int secondBefore = fakes.second.calls.get();
        for (int turn = 1; turn <= 4; turn++) {
            chatTurn(system + history);
            history += ",{\"role\":\"assistant\",\"content\":\"Once upon a time.\"},"
                    + "{\"role\":\"user\",\"content\":\"Then what " + turn + "?\"}";
        }
        int toFirst = fakes.first.calls.get() - firstBefore;
        int toSecond = fakes.second.calls.get() - secondBefore;
        assertEquals(List.of(4, 0), toFirst > 0 ? List.of(toFirst, toSecond) : List.of(toSecond, toFirst),
                "all four turns went to one replica");
        FakeInference home = toFirst > 0 ? fakes.first : fakes.second;
        FakeInference other = home == fakes.first ? fakes.second : fakes.first;
        int homeCalls = home.calls.get();
        int otherCalls = other.calls.get();
        chatTurn(system + history);
        assertEquals(homeCalls + 1, home.calls.get(), "turn 5 goes where turns 1-4 went");
        assertEquals(otherCalls, other.calls.get(), "the other replica got none of the conversation");
        home.reportedRunning.set(3); // 3 of 4 slots busy: 0.75 above the other replica, beyond the slack of 0.5
        Await.until(() -> {
            chatTurn(system);
            return other.calls.get() > otherCalls;
        }, Duration.ofSeconds(15), "the busy home's load is probed and the conversation goes to the other replica");
    }

    private static void chatTurn(String messages) {
        request().contentType("application/json").body("{\"model\":\"" + MODEL + "\",\"messages\":[" + messages
                + "],\"max_tokens\":8}").post("/v1/chat/completions").then().statusCode(200);
    }

    private static void awaitModels(boolean served) {
        Await.until(() -> request().get("/v1/models").then().extract().asString().contains(MODEL) == served,
                Duration.ofSeconds(15), served ? "the model is routed to" : "the model leaves routing");
    }
}
