package dev.llmplatform.testkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerationPhase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kit's gRPC clients against a scripted inference service that requires a shared token. */
class GenerateClientTest {

    private static final Optional<String> TOKEN = Optional.of("kit-test-token");
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ChatRequest CHAT = new ChatRequest("fake", "Once upon a time", 4, 0.0, 42);

    @Test
    void progressHeartbeatsAreCountedAndKeptOutOfTheText() throws Exception {
        try (FakeInferenceService service = new FakeInferenceService(TOKEN);
                GenerateClient client = new GenerateClient(service.port(), DEADLINE, TOKEN)) {
            Generation generation = client.generate(GenerateClient.request(CHAT));
            assertEquals("Once upon", generation.text());
            assertEquals(2, generation.progressCount());
            assertEquals(GenerationPhase.GENERATION_PHASE_QUEUED, generation.progress().get(0).getPhase());
            assertEquals(1, generation.progress().get(1).getGeneratedTokens());
            assertEquals(3, generation.chunks());
            assertEquals(2, generation.pieces(), "the empty chunk is no piece of text");
            assertEquals(3, generation.tokensAfterFirstChunk());
            assertTrue(generation.completed());
            assertEquals(FinishReason.FINISH_REASON_LENGTH, generation.fin().orElseThrow().getFinishReason());
            assertTrue(generation.error().isEmpty());
            assertTrue(generation.firstChunkNanos() >= 0 && generation.firstTextNanos() >= generation.firstChunkNanos());
            assertTrue(generation.lastChunkNanos() >= generation.firstTextNanos());
            assertTrue(generation.totalNanos() >= generation.lastChunkNanos());
        }
    }

    @Test
    void aStreamResultOfTheSameCallHasTheTextAndTheFinalUsage() throws Exception {
        try (FakeInferenceService service = new FakeInferenceService(TOKEN);
                GenerateClient client = new GenerateClient(service.port(), DEADLINE, TOKEN)) {
            StreamResult result = client.stream(CHAT, DEADLINE);
            assertEquals(StreamResult.Outcome.COMPLETED, result.outcome(), result.toString());
            assertEquals("Once upon", result.text());
            assertEquals(4, result.completionTokens());
            assertEquals("FINISH_REASON_LENGTH", result.finishReason());
            assertFalse(Double.isNaN(result.ttftMs()));
        }
    }

    @Test
    void withoutTheTokenEveryCallIsRefused() throws Exception {
        try (FakeInferenceService service = new FakeInferenceService(TOKEN);
                GenerateClient client = new GenerateClient(service.port(), DEADLINE, Optional.empty());
                LoadProbe probe = new LoadProbe(service.port(), Optional.of("wrong"))) {
            Generation generation = client.generate(GenerateClient.request(CHAT));
            assertEquals(Status.Code.UNAUTHENTICATED, generation.error().orElseThrow().getCode());
            StreamResult result = generation.toStreamResult();
            assertEquals(StreamResult.Outcome.FAILED, result.outcome());
            assertEquals("gRPC UNAUTHENTICATED", result.errorClass());
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, client::modelInfo);
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            assertTrue(probe.tryLoad().isEmpty());
        }
    }

    @Test
    void theTokenConfiguredForThisJvmIsSentByDefault() throws Exception {
        String before = System.getProperty(GrpcChannels.TOKEN_PROPERTY);
        System.setProperty(GrpcChannels.TOKEN_PROPERTY, TOKEN.get());
        try (FakeInferenceService service = new FakeInferenceService(TOKEN);
                GenerateClient client = new GenerateClient(service.port());
                LoadProbe probe = new LoadProbe(service.port())) {
            assertEquals(TOKEN, GrpcChannels.configuredToken());
            assertEquals("fake", client.modelInfo().getName());
            assertEquals(2, probe.load().getSlots());
        } finally {
            if (before == null) {
                System.clearProperty(GrpcChannels.TOKEN_PROPERTY);
            } else {
                System.setProperty(GrpcChannels.TOKEN_PROPERTY, before);
            }
        }
    }

    @Test
    void modelInfoTokenCountsAndARefusedModel() throws Exception {
        try (FakeInferenceService service = new FakeInferenceService(Optional.empty());
                GenerateClient client = new GenerateClient(service.port(), DEADLINE, Optional.empty())) {
            assertEquals(128, client.modelInfo().getContextLength());
            assertEquals(1 + "hello".length(), client.tokenCount("hello"), "BOS included");
            assertFalse(client.modelFailedToLoad(), "the scripted model generates");
        }
        try (FakeInferenceService service = new FakeInferenceService(Optional.empty(), true);
                GenerateClient client = new GenerateClient(service.port(), DEADLINE, Optional.empty())) {
            assertTrue(client.modelFailedToLoad());
            Generation refused = client.generate(GenerateRequest.newBuilder().setPrompt("x").build());
            assertEquals(Status.Code.UNAVAILABLE, refused.error().orElseThrow().getCode());
            assertEquals(0, refused.progressCount());
            assertFalse(refused.completed());
            assertEquals(StreamResult.Outcome.FAILED, refused.toStreamResult().outcome());
        }
    }

    @Test
    void theLoadProbeAwaitsAConditionAndFailsWithTheLastReport() throws Exception {
        try (FakeInferenceService service = new FakeInferenceService(Optional.empty());
                LoadProbe probe = new LoadProbe(service.port(), Optional.empty())) {
            Duration took = probe.await(r -> r.getRunning() == 0, DEADLINE);
            assertTrue(!took.isNegative());
            assertEquals(3, service.loadCalls.get(), "asked until the third report showed no running request");
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> probe.await(r -> r.getRunning() == 5, Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("slots: 2"), "the last report is in the message: " + e.getMessage());
        }
    }
}
