package dev.llmplatform.gateway.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.BackendFailure.Kind;
import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.Embedded;
import dev.llmplatform.gateway.backend.GenerationHandle;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.backend.Progress;
import dev.llmplatform.gateway.backend.Sampling;
import dev.llmplatform.gateway.backend.ServedModel;
import dev.llmplatform.gateway.fakes.FakeInference;
import dev.llmplatform.gateway.fakes.GrpcFakes;
import dev.llmplatform.testkit.await.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gRPC router on its own, in front of two fake endpoints: routing and failover, cancellation, stalls, admission,
 * the token, model descriptions and chat rendering. Upper time bounds are loose: the build machine may be shared.
 */
class RouterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> SHORT_TIMEOUTS = Map.of("gateway.inference.accept-timeout", "1s",
            "gateway.inference.stall-timeout", "2s", "gateway.inference.probe-deadline", "5s");

    private static GenerationRequest chat(String content) {
        return new GenerationRequest(GrpcFakes.MODEL, null, new Chat(List.of(Chat.Message.text("user", content)),
                List.of()), Sampling.DEFAULTS, "req-1");
    }

    private static BackendFailure failure(RouterHarness.Recorder recorder) throws Exception {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> recorder.result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return (BackendFailure) failed.getCause();
    }

    @Test
    void aGenerationStreamsReportsProgressAndEnds() throws Exception {
        try (RouterHarness router = new RouterHarness(Map.of())) {
            router.refresh();
            RouterHarness.Recorder recorder = new RouterHarness.Recorder();
            router.backend.generate(chat("hello"), recorder);
            GenerationResult result = recorder.result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(String.join("", FakeInference.PIECES), recorder.text());
            assertEquals(GenerationResult.FinishReason.STOP, result.finishReason());
            assertEquals(7, result.promptTokens());
            assertEquals(12.5, result.timings().timeToFirstTokenMs());
            assertEquals(Progress.Phase.QUEUED, recorder.progress.get(0).phase(), "the Progress on receipt");
            assertEquals(GrpcFakes.MODEL, router.fakes.lastRequest.get().getModel());
        }
    }

    @Test
    void theModelsAreDescribedFromTheProbes() {
        try (RouterHarness router = new RouterHarness(Map.of())) {
            router.refresh();
            ServedModel model = router.backend.readyModels().get(0);
            assertEquals(GrpcFakes.MODEL, model.name());
            assertEquals(2, model.readyEndpoints());
            assertEquals(256, model.contextLength());
            assertEquals(64, model.defaultMaxTokens());
            assertEquals(FakeInference.LIMITS.getMaxStopStrings(), model.limits().maxStopStrings());
            assertEquals(2.0, model.limits().maxTemperature());
            assertTrue(router.backend.model("no-such-model").isEmpty());
        }
    }

    @Test
    void failureBeforeTheFirstTokenIsRetriedOnTheOtherEndpoint() throws Exception {
        try (RouterHarness router = new RouterHarness(Map.of())) {
            router.fakes.second.reportedRunning.set(3);
            router.refresh();
            router.fakes.first.failNext.set(1);
            RouterHarness.Recorder recorder = new RouterHarness.Recorder();
            router.backend.generate(chat("hello"), recorder);
            recorder.result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(String.join("", FakeInference.PIECES), recorder.text());
            assertEquals(1, router.fakes.first.calls.get(), "the least-loaded endpoint was tried first");
            assertEquals(1, router.fakes.second.calls.get(), "then the other one answered");
        }
    }

    @Test
    void refusalsKeepTheServicesMessageAndBusyEverywhereIsBusy() throws Exception {
        try (RouterHarness router = new RouterHarness(Map.of("gateway.admission.retry-after", "2"))) {
            router.refresh();
            RouterHarness.Recorder overflow = new RouterHarness.Recorder();
            router.backend.generate(chat("overflow"), overflow);
            BackendFailure invalid = failure(overflow);
            assertEquals(Kind.INVALID_ARGUMENT, invalid.kind());
            assertEquals("prompt has 3001 tokens; the context is 256 tokens", invalid.getMessage());
            RouterHarness.Recorder busy = new RouterHarness.Recorder();
            router.backend.generate(chat("busy"), busy);
            BackendFailure exhausted = failure(busy);
            assertEquals(Kind.BUSY, exhausted.kind());
            assertEquals(2, exhausted.retryAfterSeconds());
            assertEquals(3, router.fakes.calls(), "both endpoints were tried once for the busy one");
            BackendFailure unknown = assertThrows(BackendFailure.class,
                    () -> router.backend.generate(new GenerationRequest("no-such-model", "x", null,
                            Sampling.DEFAULTS, "r"), new RouterHarness.Recorder()));
            assertEquals(Kind.MODEL_NOT_FOUND, unknown.kind());
        }
    }

    @Test
    void cancellingReachesTheEndpointAtOnce() throws Exception {
        try (RouterHarness router = new RouterHarness(Map.of())) {
            router.refresh();
            RouterHarness.Recorder recorder = new RouterHarness.Recorder();
            GenerationHandle handle = router.backend.generate(chat("slow"), recorder);
            Await.until(() -> !recorder.pieces.isEmpty(), WAIT, "the first piece");
            handle.cancel();
            Await.until(() -> router.fakes.cancelled() == 1, Duration.ofSeconds(1), "the call is cancelled");
            assertFalse(recorder.result.isDone(), "nothing is reported after a cancel");
        }
    }

    @Test
    void aStreamThatGoesSilentIsCutAndItsEndpointLeavesRouting() throws Exception {
        try (RouterHarness router = new RouterHarness(SHORT_TIMEOUTS)) {
            router.refresh();
            long start = System.nanoTime();
            RouterHarness.Recorder recorder = new RouterHarness.Recorder();
            router.backend.generate(chat("stall"), recorder);
            BackendFailure stalled = failure(recorder);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 2_000 && millis < 20_000, "cut after the 2 s stall timeout, took " + millis + " ms");
            assertEquals(Kind.STALLED, stalled.kind());
            assertTrue(stalled.getMessage().contains("sent nothing for 2 s") && stalled.getMessage().contains("cut off"),
                    stalled.getMessage());
            assertFalse(stalled.getMessage().contains("127.0.0.1"), stalled.getMessage());
            assertTrue(recorder.afterFirstChunk);
            assertEquals("Once upon", recorder.text(), "the text before the stall was delivered");
            Await.until(() -> router.fakes.cancelled() == 1, Duration.ofSeconds(2), "the silent call is cancelled");
            assertEquals(1, router.registry.all().stream().filter(e -> !e.ready()).count(),
                    "the silent endpoint is out of routing until a probe answers");
            router.refresh();
            assertEquals(2, router.registry.all().stream().filter(Endpoint::ready).count(), "a probe brings it back");
        }
    }

    @Test
    void aStoppedEndpointIsSkippedAndProbesKeepItOutOfRouting() throws Exception {
        try (RouterHarness router = new RouterHarness(SHORT_TIMEOUTS)) {
            router.fakes.second.reportedRunning.set(3);
            router.refresh(); // the first endpoint is the least loaded, so it is tried first
            router.fakes.first.stopped.set(true);
            long start = System.nanoTime();
            RouterHarness.Recorder recorder = new RouterHarness.Recorder();
            router.backend.generate(chat("hello"), recorder);
            recorder.result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 1_000 && millis < 20_000, "failed over after the 1 s accept timeout, took " + millis);
            assertEquals(String.join("", FakeInference.PIECES), recorder.text());
            assertEquals(1, router.fakes.first.calls.get());
            assertEquals(1, router.fakes.second.calls.get());
            RouterHarness.Recorder next = new RouterHarness.Recorder();
            router.backend.generate(chat("hello"), next);
            next.result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1, router.fakes.first.calls.get(), "the suspect endpoint gets no new request");
            assertEquals(2, router.fakes.second.calls.get(), "a new request goes straight to the other one");
            router.refresh(); // its probes time out: still out of routing
            assertEquals(1, router.backend.readyModels().get(0).readyEndpoints());
        }
    }

    @Test
    void aLongPromptThatSendsProgressIsNotCut() throws Exception {
        try (RouterHarness router = new RouterHarness(SHORT_TIMEOUTS)) {
            router.refresh();
            RouterHarness.Recorder recorder = new RouterHarness.Recorder();
            router.backend.generate(chat("prefill"), recorder);
            assertEquals(GenerationResult.FinishReason.STOP,
                    recorder.result.get(WAIT.toSeconds(), TimeUnit.SECONDS).finishReason());
            assertTrue(recorder.progress.stream().filter(p -> p.phase() == Progress.Phase.PROMPT).count() >= 5,
                    "the heartbeats of the prompt evaluation reached the listener: " + recorder.progress);
        }
    }

    @Test
    void beyondRunningPlusQueueIsBusyAndTheQueuedRequestRunsWhenAPlaceFrees() throws Exception {
        try (RouterHarness router = new RouterHarness(Map.of("gateway.admission.max-concurrent", "1",
                "gateway.admission.max-queue", "1", "gateway.admission.retry-after", "5"))) {
            router.refresh();
            RouterHarness.Recorder running = new RouterHarness.Recorder();
            GenerationHandle first = router.backend.generate(chat("slow"), running);
            Await.until(() -> !running.pieces.isEmpty(), WAIT, "the first request runs");
            RouterHarness.Recorder queued = new RouterHarness.Recorder();
            router.backend.generate(chat("hello"), queued);
            BackendFailure refused = assertThrows(BackendFailure.class,
                    () -> router.backend.generate(chat("hello"), new RouterHarness.Recorder()));
            assertEquals(Kind.BUSY, refused.kind());
            assertEquals(5, refused.retryAfterSeconds());
            assertTrue(refused.getMessage().contains("1 running and 1 queued"), refused.getMessage());
            assertFalse(queued.result.isDone(), "the second request waits in the gateway");
            first.cancel();
            assertEquals(GenerationResult.FinishReason.STOP,
                    queued.result.get(WAIT.toSeconds(), TimeUnit.SECONDS).finishReason());
            assertEquals(1.0, router.meters.get("gateway_generations_total").tag("model", GrpcFakes.MODEL)
                    .tag("outcome", "429").counter().count());
        }
    }

    @Test
    void theTokenGoesWithProbesAndGenerations() throws Exception {
        try (RouterHarness router = new RouterHarness(Map.of("llm.grpc.token", "s3cret"))) {
            router.fakes.requireToken("s3cret");
            router.refresh();
            assertEquals(2, router.backend.readyModels().get(0).readyEndpoints());
            RouterHarness.Recorder recorder = new RouterHarness.Recorder();
            router.backend.generate(chat("hello"), recorder);
            recorder.result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            router.fakes.requireToken("other");
            router.refresh();
            assertTrue(router.backend.readyModels().isEmpty(), "endpoints that refuse the token are not ready");
            BackendFailure unavailable = assertThrows(BackendFailure.class,
                    () -> router.backend.generate(chat("hello"), new RouterHarness.Recorder()));
            assertEquals(Kind.UNAVAILABLE, unavailable.kind());
        }
    }

    @Test
    void chatsAreRenderedOnAnEndpointWithTheTemplatesRefusalsKept() throws Exception {
        try (RouterHarness router = new RouterHarness(Map.of())) {
            router.refresh();
            Chat chat = new Chat(List.of(Chat.Message.text("user", "hi")), List.of(new Chat.Tool("f", "", "")));
            CompletableFuture<String> prompt = router.backend.renderChat(GrpcFakes.MODEL, chat, true)
                    .map(rendered -> rendered.prompt() + "|" + rendered.tokens()).subscribeAsCompletionStage();
            assertEquals("<|user|>hi<|tool:f|><|assistant|>|3", prompt.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(Kind.INVALID_ARGUMENT, renderFailure(router, "refuse").kind());
            assertTrue(renderFailure(router, "refuse").getMessage()
                    .startsWith("the model's chat template refused the messages: "));
            assertEquals(Kind.TEMPLATE_UNAVAILABLE, renderFailure(router, "broken").kind());
            BackendFailure unknown = (BackendFailure) assertThrows(ExecutionException.class, () -> router.backend
                    .renderChat("no-such-model", chat, true).subscribeAsCompletionStage().get()).getCause();
            assertEquals(Kind.MODEL_NOT_FOUND, unknown.kind());
        }
    }

    @Test
    void embeddingsGoToEndpointsThatEmbedWhichRefuseToGenerate() throws Exception {
        try (RouterHarness router = new RouterHarness(Map.of())) {
            router.fakes.first.embeddingLength.set(8);
            router.fakes.second.embeddingLength.set(8);
            router.fakes.second.reportedRunning.set(2);
            router.refresh();
            ServedModel served = router.backend.model(GrpcFakes.MODEL).orElseThrow();
            assertTrue(served.embeds());
            assertEquals(8, served.embeddingLength());
            assertEquals("last", served.pooling());
            assertEquals(4, served.maxEmbeddingInputs());
            router.fakes.first.failNext.set(1);
            List<Embedded> embedded = router.backend.embed(GrpcFakes.MODEL, List.of("ab", "abc"))
                    .await().atMost(WAIT);
            assertEquals(0, router.fakes.first.failNext.get(), "the least-loaded endpoint was tried first");
            assertEquals(2, embedded.size(), "it failed before answering, and the other one answered");
            assertEquals(1f, embedded.get(0).vector()[2]);
            assertEquals(1f, embedded.get(1).vector()[3]);
            assertEquals(List.of(3, 4), embedded.stream().map(Embedded::promptTokens).toList());
            assertEquals(0, router.registry.all().stream().mapToInt(Endpoint::inFlight).sum(),
                    "the failed call and the answered one are no longer in flight");
            assertEquals(1.0, router.meters.get("gateway_embeddings_total").tag("model", GrpcFakes.MODEL)
                    .tag("outcome", "ok").counter().count());
            assertEquals(2.0, router.meters.get("gateway_embedded_inputs_total").tag("model", GrpcFakes.MODEL)
                    .counter().count());
            BackendFailure chat = assertThrows(BackendFailure.class,
                    () -> router.backend.generate(chat("hi"), new RouterHarness.Recorder()));
            assertEquals(Kind.WRONG_ENDPOINT, chat.kind());
            assertTrue(chat.getMessage().endsWith("serves embeddings and does not generate text; use POST"
                    + " /v1/embeddings"), chat.getMessage());
            assertEquals(Kind.WRONG_ENDPOINT, renderFailure(router, "hi").kind());
            assertEquals(0, router.fakes.first.calls.get() + router.fakes.second.calls.get(), "nothing generated");

            router.fakes.first.embeddingLength.set(0);
            router.fakes.second.embeddingLength.set(0);
            router.refresh();
            BackendFailure generating = (BackendFailure) assertThrows(ExecutionException.class, () -> router.backend
                    .embed(GrpcFakes.MODEL, List.of("ab")).subscribeAsCompletionStage().get()).getCause();
            assertEquals(Kind.WRONG_ENDPOINT, generating.kind());
            BackendFailure unknown = (BackendFailure) assertThrows(ExecutionException.class, () -> router.backend
                    .embed("no-such-model", List.of("ab")).subscribeAsCompletionStage().get()).getCause();
            assertEquals(Kind.MODEL_NOT_FOUND, unknown.kind());
            assertTrue(router.meters.find("gateway_embeddings_total").tag("model", "no-such-model").counters()
                    .isEmpty(), "no label for a name no endpoint serves");
        }
    }

    private static BackendFailure renderFailure(RouterHarness router, String last) {
        Chat chat = new Chat(List.of(Chat.Message.text("user", last)), List.of());
        return (BackendFailure) assertThrows(ExecutionException.class, () -> router.backend
                .renderChat(GrpcFakes.MODEL, chat, true).subscribeAsCompletionStage().get(20, TimeUnit.SECONDS))
                .getCause();
    }
}
