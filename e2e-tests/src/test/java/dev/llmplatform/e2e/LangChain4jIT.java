package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.platform.Platform;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's OpenAI chat model against the gateway, as a Java service would use it: a forced tool call whose
 * arguments match the tool's parameters (on stories260K with Qwen2.5's template, which renders tools), the tool loop's
 * messages sent back (an assistant message with tool calls and
 * no text, a tool result), an AI service answering with a record through a strict JSON schema, and its embedding
 * model's vectors. The model is stories260K: it has never seen a tool or JSON, so only the gateway's constraints make
 * these answers valid.
 */
class LangChain4jIT {

    private final Platform platform = SharedPlatform.get();

    private OpenAiChatModel model(String name, boolean jsonSchema) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(platform.gateway().baseUrl() + "/v1").apiKey("unused").modelName(name)
                .temperature(0.0).maxTokens(150).timeout(Duration.ofSeconds(60)).maxRetries(0);
        if (jsonSchema) {
            builder.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true);
        }
        return builder.build();
    }

    @Test
    void aRequiredToolChoiceGivesACallAndTheToolLoopGoesOn() {
        ToolSpecification weather = ToolSpecification.builder().name("weather").description("The weather forecast")
                .parameters(JsonObjectSchema.builder().addEnumProperty("city", List.of("Paris", "London"))
                        .addIntegerProperty("days").required("city", "days").build())
                .build();
        OpenAiChatModel model = model(SharedPlatform.STORIES_TOOLS, false);
        UserMessage question = UserMessage.from("What is the weather in Paris?");
        ChatResponse first = model.chat(ChatRequest.builder().messages(question).toolSpecifications(weather)
                .toolChoice(ToolChoice.REQUIRED).build());
        AiMessage call = first.aiMessage();
        assertTrue(call.hasToolExecutionRequests(), "a forced call: " + call);
        ToolExecutionRequest request = call.toolExecutionRequests().get(0);
        assertEquals("weather", request.name());
        JsonNode arguments = Json.parse(request.arguments());
        assertTrue(List.of("Paris", "London").contains(arguments.path("city").asText()), request.arguments());
        assertTrue(arguments.path("days").isIntegralNumber(), request.arguments());
        ChatResponse second = model.chat(ChatRequest.builder()
                .messages(question, call, ToolExecutionResultMessage.from(request, "Sunny, 21 degrees"))
                .toolSpecifications(weather).build());
        assertNotNull(second.aiMessage(), "the tool result was accepted and answered");
    }

    /** What the AI service returns. */
    enum Mood { HAPPY, SAD }

    /** A record the model must fill. */
    record Verdict(boolean ended, Mood mood) {
    }

    interface Judge {
        Verdict judge(String story);
    }

    @Test
    void anAiServiceGetsItsRecordThroughAStrictJsonSchema() {
        Judge judge = AiServices.create(Judge.class, model(SharedPlatform.STORIES, true));
        Verdict verdict = judge.judge("Once upon a time there was a little girl named Lily.");
        assertNotNull(verdict.mood(), "parsed from JSON the schema allowed: " + verdict);
    }

    @Test
    void theEmbeddingModelGetsOneVectorOfTheModelsWidthPerText() {
        OpenAiEmbeddingModel embeddings = OpenAiEmbeddingModel.builder()
                .baseUrl(platform.gateway().baseUrl() + "/v1").apiKey("unused")
                .modelName(SharedPlatform.STORIES_EMBEDDING).timeout(Duration.ofSeconds(60)).maxRetries(0).build();
        List<Embedding> vectors = embeddings.embedAll(List.of(TextSegment.from("Once upon a time"),
                TextSegment.from("The cat sat on the mat."))).content();
        assertEquals(2, vectors.size());
        assertEquals(64, vectors.get(0).dimension());
        assertEquals(64, vectors.get(1).dimension());
        assertEquals(1.0, Math.sqrt(vectors.get(0).vectorAsList().stream().mapToDouble(v -> v * v).sum()), 1e-3);
        assertEquals(vectors.get(0).vectorAsList(), embeddings.embed("Once upon a time").content().vectorAsList(),
                "the same text gets the same vector");
        assertTrue(CosineSimilarity.between(vectors.get(0), vectors.get(1)) < 0.999, "two texts, two vectors");
    }
}
