package dev.llmplatform.inference.grpc;

import static dev.llmplatform.inference.grpc.GrpcTestSupport.awaitLoad;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.RenderChatRequest;
import dev.llmplatform.proto.inference.v1.RenderChatResponse;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import dev.llmplatform.testsupport.TestAssets;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model's own chat template, rendered by the service: on the shared stories260K copy with the Qwen2.5-Instruct
 * template, every fixture conversation renders to the text transformers renders, its ids are llama.cpp's own
 * tokenization of that text (BOS added), and a generation reports exactly that many prompt tokens.
 */
@QuarkusTest
@TestProfile(QwenTemplateModelProfile.class)
class ChatTemplateTest {

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;
    @Inject
    ServedModel model;

    @BeforeEach
    void modelReady() throws InterruptedException {
        assertTrue(awaitLoad(stub, r -> r.getReady(), 60_000).getReady(), "model did not become ready");
    }

    @Test
    void everyFixtureConversationRendersAsTransformersDoesAndCountsAsLlamaCppDoes() throws IOException {
        JsonNode fixture = new ObjectMapper().readTree(TestAssets.file("chat-templates/qwen2.5-instruct.json")
                .toFile());
        TextEngine engine = model.requireReady().engine();
        List<String> checked = new ArrayList<>();
        for (JsonNode testCase : fixture.path("cases")) {
            String name = testCase.path("name").asText();
            Chat chat = chat(testCase.path("messages"));
            RenderChatResponse rendered = stub.renderChat(RenderChatRequest.newBuilder().setChat(chat).build());
            assertEquals(testCase.path("expected_prompt").asText(), rendered.getPrompt(), name);
            assertFalse(rendered.getPlainCompletion(), name);
            assertEquals(1, rendered.getIds(0), name + ": BOS first");
            if (!name.equals("special_strings_in_content")) {
                int[] llamaCpp = engine.tokenize(rendered.getPrompt());
                assertEquals(llamaCpp.length + 1, rendered.getIdsCount(), name + ": llama.cpp's count plus BOS");
                for (int i = 0; i < llamaCpp.length; i++) {
                    assertEquals(llamaCpp[i], rendered.getIds(i + 1), name + ": token " + i);
                }
            } else {
                assertFalse(rendered.getIdsList().subList(1, rendered.getIdsCount()).contains(2),
                        "the content's </s> stays text");
            }
            GenerateRequest generate = GenerateRequest.newBuilder().setChat(chat)
                    .setParams(SamplingParams.newBuilder().setMaxTokens(1).setTemperature(0f)).build();
            int promptTokens = collect(stub.generate(generate)).last().getFinal().getUsage().getPromptTokens();
            assertEquals(rendered.getIdsCount(), promptTokens, name + ": usage.prompt_tokens");
            checked.add(name);
        }
        assertEquals(7, checked.size(), checked.toString());
    }

    @Test
    void theModelInfoSaysWhereTheTemplateComesFrom() {
        assertEquals("gguf", stub.getModelInfo(GetModelInfoRequest.getDefaultInstance()).getChatTemplateSource());
        assertTrue(stub.getModelInfo(GetModelInfoRequest.getDefaultInstance()).getHasChatTemplate());
    }

    @Test
    void aChatWithoutTheGenerationPromptEndsAfterTheLastMessage() {
        RenderChatResponse rendered = stub.renderChat(RenderChatRequest.newBuilder()
                .setChat(Chat.newBuilder().addMessages(ChatMessage.newBuilder().setRole("user").setContent("Hi")))
                .setAddGenerationPrompt(false).build());
        assertTrue(rendered.getPrompt().endsWith("<|im_start|>user\nHi<|im_end|>\n"), rendered.getPrompt());
    }

    @Test
    void anotherModelNameIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.renderChat(
                RenderChatRequest.newBuilder().setModel("x".repeat(5000)).setChat(Chat.newBuilder().addMessages(
                        ChatMessage.newBuilder().setRole("user").setContent("Hi"))).build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().length() < 200, "the echoed name is cut");
    }

    private static Chat chat(JsonNode messages) {
        Chat.Builder chat = Chat.newBuilder();
        for (JsonNode message : messages) {
            chat.addMessages(ChatMessage.newBuilder().setRole(message.path("role").asText())
                    .setContent(message.path("content").asText()));
        }
        return chat.build();
    }
}
