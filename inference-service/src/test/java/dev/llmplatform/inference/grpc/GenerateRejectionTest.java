package dev.llmplatform.inference.grpc;

import static dev.llmplatform.inference.grpc.GrpcTestSupport.awaitLoad;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.chat;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.collect;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.greedy;
import static dev.llmplatform.inference.grpc.GrpcTestSupport.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.grpc.GrpcTestSupport.Collected;
import dev.llmplatform.proto.inference.v1.EmbedRequest;
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.GenerateLimits;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests the service must refuse before the first chunk, with the right status and a message with numbers. */
@QuarkusTest
@TestProfile(RealModelProfile.class)
class GenerateRejectionTest {

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;

    @BeforeEach
    void modelReady() throws InterruptedException {
        assertTrue(awaitLoad(stub, r -> r.getReady(), 60_000).getReady(), "model did not become ready");
    }

    private StatusRuntimeException refused(GenerateRequest request, Status.Code code) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> collect(stub.generate(request)));
        assertEquals(code, e.getStatus().getCode(), e.getStatus().getDescription());
        return e;
    }

    private String invalid(SamplingParams params) {
        return refused(prompt("Once upon a time", params), Status.Code.INVALID_ARGUMENT).getStatus().getDescription();
    }

    @Test
    void thePublishedLimitsAreTheOnesEnforced() {
        GenerateLimits limits = stub.getModelInfo(GetModelInfoRequest.getDefaultInstance()).getLimits();
        assertEquals(512, limits.getMaxContextTokens());
        assertEquals(512L * 32, limits.getMaxPromptBytes());
        assertEquals("top_k must be between 0 and " + limits.getMaxTopK() + ", got " + (limits.getMaxTopK() + 1),
                invalid(SamplingParams.newBuilder().setTopK(limits.getMaxTopK() + 1).build()));
        assertEquals("seed must be between 0 and " + limits.getMaxSeed() + ", got " + (limits.getMaxSeed() + 1),
                invalid(SamplingParams.newBuilder().setSeed(limits.getMaxSeed() + 1).build()));
        assertTrue(invalid(SamplingParams.newBuilder().setTemperature(limits.getMaxTemperature() + 0.5f).build())
                .startsWith("temperature must be in [0, " + (int) limits.getMaxTemperature() + "]"));
        SamplingParams.Builder stops = SamplingParams.newBuilder();
        for (int i = 0; i <= limits.getMaxStopStrings(); i++) {
            stops.addStop("s" + i);
        }
        assertTrue(invalid(stops.build()).startsWith("at most " + limits.getMaxStopStrings() + " stop strings"));
        assertTrue(invalid(SamplingParams.newBuilder().addStop("x".repeat(limits.getMaxStopBytes() + 1)).build())
                .endsWith("over the limit of " + limits.getMaxStopBytes()));
        Chat.Builder many = Chat.newBuilder();
        for (int i = 0; i <= limits.getMaxMessages(); i++) {
            many.addMessages(ChatMessage.newBuilder().setRole("user").setContent("hi"));
        }
        String message = refused(GenerateRequest.newBuilder().setChat(many).setParams(greedy(4)).build(),
                Status.Code.INVALID_ARGUMENT).getStatus().getDescription();
        assertTrue(message.endsWith("over the limit of " + limits.getMaxMessages()), message);
        SamplingParams.Builder biases = SamplingParams.newBuilder();
        for (int id = 0; id <= limits.getMaxLogitBiasEntries(); id++) {
            biases.putLogitBias(id, 1f);
        }
        assertEquals("logit_bias has " + (limits.getMaxLogitBiasEntries() + 1) + " entries, over the limit of "
                + limits.getMaxLogitBiasEntries(), invalid(biases.build()));
    }

    @Test
    void logitBiasIdsAreThoseOfThePublishedVocabulary() {
        int vocabulary = stub.getModelInfo(GetModelInfoRequest.getDefaultInstance()).getVocabularySize();
        assertEquals(512, vocabulary, "stories260K's tokenizer.ggml.tokens");
        assertEquals("logit_bias token id 512 is not in the model's vocabulary (ids 0 to 511)",
                invalid(SamplingParams.newBuilder().putLogitBias(vocabulary, -100f).build()));
        Collected out = collect(stub.generate(prompt("Once upon a time", greedy(4).toBuilder()
                .putLogitBias(vocabulary - 1, -100f).putLogitBias(0, 2.5f).build())));
        assertEquals(FinishReason.FINISH_REASON_LENGTH, out.last().getFinal().getFinishReason());
    }

    @Test
    void aModelLoadedToGenerateRefusesToEmbed() {
        ModelInfo info = stub.getModelInfo(GetModelInfoRequest.getDefaultInstance());
        assertEquals(0, info.getEmbeddingLength());
        assertEquals("", info.getPooling());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.embed(EmbedRequest.newBuilder().addInputs("Once upon a time").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("LLM_EMBEDDING=true"), e.getStatus().getDescription());
    }

    @Test
    void promptOverTheSlotContextIsRefusedWithTheNumbers() {
        String message = refused(chat("Once upon a time ".repeat(300), greedy(16)), Status.Code.INVALID_ARGUMENT)
                .getStatus().getDescription();
        assertTrue(message.matches("prompt has \\d+ tokens and max_tokens is 16, together over the slot's context "
                + "of 512 tokens"), message);
    }

    @Test
    void hugePromptIsRefusedBeforeTokenization() {
        String message = refused(prompt("a".repeat(200_000), greedy(16)), Status.Code.INVALID_ARGUMENT)
                .getStatus().getDescription();
        assertTrue(message.matches("request is 2000\\d\\d bytes, over the limit of 16384 bytes .*"), message);
    }

    @Test
    void eachBadParameterIsRefusedWithItsRange() {
        assertEquals("max_tokens must be between 0 and 512 (the slot's context; 0 means the default of 256), got -1",
                invalid(SamplingParams.newBuilder().setMaxTokens(-1).build()));
        assertTrue(invalid(SamplingParams.newBuilder().setMaxTokens(1_000_000_000).build())
                .endsWith("got 1000000000"));
        assertEquals("temperature must be in [0, 2], got -1.0",
                invalid(SamplingParams.newBuilder().setTemperature(-1f).build()));
        assertEquals("temperature must be in [0, 2], got NaN",
                invalid(SamplingParams.newBuilder().setTemperature(Float.NaN).build()));
        assertEquals("top_p must be in (0, 1], got 2.0", invalid(SamplingParams.newBuilder().setTopP(2f).build()));
        assertEquals("top_p must be in (0, 1], got Infinity",
                invalid(SamplingParams.newBuilder().setTopP(Float.POSITIVE_INFINITY).build()));
        assertEquals("top_k must be between 0 and 10000, got -3",
                invalid(SamplingParams.newBuilder().setTopK(-3).build()));
        assertEquals("min_p must be in [0, 1], got 1.5", invalid(SamplingParams.newBuilder().setMinP(1.5f).build()));
        assertEquals("repeat_penalty must be in (0, 2], got 0.0",
                invalid(SamplingParams.newBuilder().setRepeatPenalty(0f).build()));
        assertEquals("seed must be between 0 and 2147483647, got -5",
                invalid(SamplingParams.newBuilder().setSeed(-5).build()));
        assertEquals("at most 4 stop strings are allowed, got 5",
                invalid(SamplingParams.newBuilder().addStop("a").addStop("b").addStop("c").addStop("d")
                        .addStop("e").build()));
        assertEquals("stop[0] is 1048576 bytes, over the limit of 256",
                invalid(SamplingParams.newBuilder().addStop("x".repeat(1 << 20)).build()));
    }

    @Test
    void emptyInputsAndBadChatsAreRefused() {
        assertEquals("prompt is empty", refused(prompt("", greedy(4)), Status.Code.INVALID_ARGUMENT).getStatus()
                .getDescription());
        GenerateRequest noMessages = GenerateRequest.newBuilder().setChat(Chat.getDefaultInstance()).build();
        assertEquals("chat has no messages", refused(noMessages, Status.Code.INVALID_ARGUMENT).getStatus()
                .getDescription());
        GenerateRequest badRole = GenerateRequest.newBuilder().setChat(Chat.newBuilder()
                .addMessages(ChatMessage.newBuilder().setRole("wizard").setContent("hi"))).build();
        assertEquals("messages[0].role must be system, user, assistant or tool, got \"wizard\"",
                refused(badRole, Status.Code.INVALID_ARGUMENT).getStatus().getDescription());
        refused(GenerateRequest.getDefaultInstance(), Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void requestOverTheMessageLimitIsResourceExhausted() {
        refused(prompt("a".repeat(9 << 20), greedy(4)), Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void anotherModelNameIsNotFound() {
        GenerateRequest request = prompt("Once", greedy(4)).toBuilder().setModel("../etc/passwd").build();
        String message = refused(request, Status.Code.NOT_FOUND).getStatus().getDescription();
        assertEquals("model \".._etc_passwd\" is not served here; this service serves \"stories260k\"", message);
    }

    @Test
    void maxTokensZeroTakesTheDefaultClampedToTheSlot() {
        var out = collect(stub.generate(prompt("Once upon a time", SamplingParams.newBuilder().setTemperature(0f)
                .build())));
        int completion = out.last().getFinal().getUsage().getCompletionTokens();
        assertTrue(completion > 0 && completion <= 256, "completion tokens " + completion);
    }
}
