package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** {@code POST /apply-template}: llama-server's shape, through the backend's RenderChat. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class ApplyTemplateTest {

    private static final String USER_HI = "[{\"role\":\"user\",\"content\":\"hi\"}]";

    @Inject
    FakeInferenceBackend backend;

    @Test
    void theModelsTemplateMakesThePrompt() {
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"system\",\"content\":\"brief\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}").post("/apply-template").then().statusCode(200)
                .body("prompt", equalTo("<|system|>brief<|user|>hi<|assistant|>"))
                .body("tokens", equalTo(4));
        given().contentType("application/json").body("{\"model\":\"" + FakeInferenceBackend.MODEL
                + "\",\"messages\":" + USER_HI + ",\"add_generation_prompt\":false}").post("/apply-template")
                .then().statusCode(200).body("prompt", equalTo("<|user|>hi"));
    }

    @Test
    void toolsAndToolMessagesAreRendered() {
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"sunny\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}")
                .post("/apply-template").then().statusCode(200)
                .body("prompt", equalTo("<|user|>weather?<|assistant|><|tool|>sunny<|tool:get_weather|><|assistant|>"));
        Chat rendered = backend.lastRendered.get();
        assertEquals("get_weather", rendered.messages().get(1).toolCalls().get(0).name());
        assertEquals("c1", rendered.messages().get(2).toolCallId());
    }

    @Test
    void theModelIsNeededOnlyWhenSeveralAreServed() {
        backend.secondModel.set(true);
        try {
            given().contentType("application/json").body("{\"messages\":" + USER_HI + "}").post("/apply-template")
                    .then().statusCode(400).body("error.param", equalTo("model"))
                    .body("error.message", containsString("fake-model, other-model"));
            given().contentType("application/json").body("{\"model\":\"fake-model\",\"messages\":" + USER_HI + "}")
                    .post("/apply-template").then().statusCode(200);
        } finally {
            backend.secondModel.set(false);
        }
        given().contentType("application/json").body("{\"model\":\"nope\",\"messages\":" + USER_HI + "}")
                .post("/apply-template").then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void templateRefusalsAre400WithTheTemplatesMessage() {
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"refuse\"}]}")
                .post("/apply-template").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("the model's chat template refused the messages: Conversation roles"
                        + " must alternate user/assistant/user/assistant/..."));
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"broken\"}]}")
                .post("/apply-template").then().statusCode(400).body("error.code", equalTo("template_unavailable"));
        given().contentType("application/json").body("{\"messages\":" + USER_HI + ",\"chat_template\":\"{{x}}\"}")
                .post("/apply-template").then().statusCode(400).body("error.param", equalTo("chat_template"));
        given().contentType("application/json").body("{\"model\":\"fake-model\"}")
                .post("/apply-template").then().statusCode(400).body("error.param", equalTo("messages"));
    }
}
