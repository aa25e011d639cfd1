package dev.llmplatform.gateway.fakes;

import dev.llmplatform.proto.inference.v1.EmbedRequest;
import dev.llmplatform.proto.inference.v1.EmbedResponse;
import dev.llmplatform.proto.inference.v1.Embedding;
import dev.llmplatform.proto.inference.v1.Chunk;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.GenerateLimits;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GenerationPhase;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.Progress;
import dev.llmplatform.proto.inference.v1.RenderChatRequest;
import dev.llmplatform.proto.inference.v1.RenderChatResponse;
import dev.llmplatform.proto.inference.v1.Timings;
import dev.llmplatform.proto.inference.v1.Usage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scripted inference service. Like the real one, it sends a Progress message as soon as it receives a Generate
 * call. The last user message picks the behaviour: "slow" streams a piece every 50 ms until cancelled, "busy" is
 * RESOURCE_EXHAUSTED, "overflow" is INVALID_ARGUMENT with numbers, "die" fails after two chunks, "stall" sends two
 * chunks and then nothing (a process stopped mid-stream), "prefill" sends only Progress every 300 ms for 1.5 s (a long
 * prompt) and then answers; anything else streams {@link #PIECES}. RenderChat joins the messages as
 * {@code <|role|>content}; a last message "refuse" makes the template raise, "broken" is a broken template.
 * {@link #failNext} makes the next calls fail with UNAVAILABLE before the first chunk; {@link #stopped} makes every
 * call, probes included, go unanswered (a process stopped with SIGSTOP: connected, silent); {@link #ready} false is a
 * model still loading.
 */
public final class FakeInference extends InferenceServiceGrpc.InferenceServiceImplBase {

    /** The pieces of a normal answer. */
    public static final List<String> PIECES = List.of("Once", " upon", " a", " time", " ¡olé! 🐉");

    private final String model;
    private final ScheduledExecutorService timer;
    /** Generate calls received. */
    public final AtomicInteger calls = new AtomicInteger();
    /** Generate calls cancelled by the client. */
    public final AtomicInteger cancelled = new AtomicInteger();
    /** Calls to fail with UNAVAILABLE before the first chunk. */
    public final AtomicInteger failNext = new AtomicInteger();
    /** Running count reported by GetLoad. */
    public final AtomicInteger reportedRunning = new AtomicInteger();
    /** The last request received. */
    public final AtomicReference<GenerateRequest> lastRequest = new AtomicReference<>();
    /** When set, no call gets any answer (cancellations are still counted). */
    public final AtomicBoolean stopped = new AtomicBoolean();
    /** The embedding length GetModelInfo reports: above 0 the endpoint embeds (and refuses Generate), 0 generates. */
    public final AtomicInteger embeddingLength = new AtomicInteger();
    /** Whether GetModelInfo and GetLoad report the model ready. */
    public final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicReference<GenerateRequest> lastOfAll;

    /** The limits the fake publishes, as the real service does for a 256-token context. */
    public static final GenerateLimits LIMITS = GenerateLimits.newBuilder().setMaxMessages(1000).setMaxStopStrings(4)
            .setMaxStopBytes(256).setMaxTopK(10_000).setMaxTemperature(2).setMaxRepeatPenalty(2)
            .setMaxSeed(Integer.MAX_VALUE).setMaxPromptBytes(256 * 32).setMaxContextTokens(256).build();

    FakeInference(String model, ScheduledExecutorService timer, AtomicReference<GenerateRequest> lastOfAll) {
        this.model = model;
        this.timer = timer;
        this.lastOfAll = lastOfAll;
    }

    @Override
    public void getModelInfo(GetModelInfoRequest request, StreamObserver<ModelInfo> out) {
        if (stopped.get()) {
            return;
        }
        ModelInfo.Builder info = ModelInfo.newBuilder().setName(model).setReady(ready.get()).setContextLength(256)
                .setSlots(4).setHasChatTemplate(true).setDefaultMaxTokens(64).setLimits(LIMITS)
                .setChatTemplateSource("gguf");
        if (embeddingLength.get() > 0) {
            info.setEmbeddingLength(embeddingLength.get()).setPooling("last").setMaxEmbeddingInputs(4);
        }
        out.onNext(info.build());
        out.onCompleted();
    }

    /**
     * Embeds each text as a unit vector that is 1 at the text's length modulo the embedding length, with the text's
     * length + 1 as its tokens; FAILED_PRECONDITION when the endpoint generates, RESOURCE_EXHAUSTED for "busy".
     */
    @Override
    public void embed(EmbedRequest request, StreamObserver<EmbedResponse> out) {
        if (stopped.get()) {
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            out.onError(Status.UNAVAILABLE.withDescription("endpoint going away").asRuntimeException());
            return;
        }
        int width = embeddingLength.get();
        if (width == 0) {
            out.onError(Status.FAILED_PRECONDITION.withDescription("the model \"" + model + "\" is loaded to"
                    + " generate, not to embed").asRuntimeException());
            return;
        }
        EmbedResponse.Builder response = EmbedResponse.newBuilder().setModel(model);
        for (String text : request.getInputsList()) {
            if (text.equals("busy")) {
                out.onError(Status.RESOURCE_EXHAUSTED.withDescription("all slots are busy").asRuntimeException());
                return;
            }
            Embedding.Builder embedding = Embedding.newBuilder().setPromptTokens(text.length() + 1);
            for (int i = 0; i < width; i++) {
                embedding.addValues(i == text.length() % width ? 1f : 0f);
            }
            response.addEmbeddings(embedding);
        }
        out.onNext(response.build());
        out.onCompleted();
    }

    @Override
    public void getLoad(GetLoadRequest request, StreamObserver<LoadReport> out) {
        if (stopped.get()) {
            return;
        }
        out.onNext(LoadReport.newBuilder().setRunning(reportedRunning.get()).setSlots(4).setMaxQueue(8)
                .setReady(ready.get()).setCancelledTotal(cancelled.get()).build());
        out.onCompleted();
    }

    @Override
    public void generate(GenerateRequest request, StreamObserver<GenerateResponse> out) {
        calls.incrementAndGet();
        lastRequest.set(request);
        lastOfAll.set(request);
        ServerCallStreamObserver<GenerateResponse> call = (ServerCallStreamObserver<GenerateResponse>) out;
        String prompt = request.hasChat()
                ? request.getChat().getMessages(request.getChat().getMessagesCount() - 1).getContent()
                : request.getPrompt();
        if (stopped.get()) {
            call.setOnCancelHandler(cancelled::incrementAndGet);
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            out.onError(Status.UNAVAILABLE.withDescription("draining").asRuntimeException());
            return;
        }
        if (!prompt.equals("busy") && !prompt.equals("overflow")) {
            out.onNext(progress(GenerationPhase.GENERATION_PHASE_QUEUED, 0));
        }
        switch (prompt) {
            case "busy" -> out.onError(Status.RESOURCE_EXHAUSTED.withDescription("all 4 slots and 8 queue places"
                    + " are taken").asRuntimeException());
            case "overflow" -> out.onError(Status.INVALID_ARGUMENT.withDescription("prompt has 3001 tokens; the"
                    + " context is 256 tokens").asRuntimeException());
            case "slow" -> slow(call);
            case "stall" -> {
                call.setOnCancelHandler(cancelled::incrementAndGet);
                out.onNext(chunk("Once"));
                out.onNext(chunk(" upon"));
            }
            case "prefill" -> prefill(call);
            case "die" -> {
                out.onNext(chunk("Once"));
                out.onNext(chunk(" upon"));
                out.onError(Status.INTERNAL.withDescription("engine crashed").asRuntimeException());
            }
            default -> {
                PIECES.forEach(p -> out.onNext(chunk(p)));
                out.onNext(finalMessage(FinishReason.FINISH_REASON_STOP, PIECES.size()));
                out.onCompleted();
            }
        }
    }

    private void slow(ServerCallStreamObserver<GenerateResponse> call) {
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        call.setOnCancelHandler(() -> {
            cancelled.incrementAndGet();
            ScheduledFuture<?> running = task.get();
            if (running != null) {
                running.cancel(false);
            }
        });
        task.set(timer.scheduleAtFixedRate(() -> {
            if (!call.isCancelled()) {
                call.onNext(chunk(" tick"));
            }
        }, 0, 50, TimeUnit.MILLISECONDS));
    }

    private void prefill(ServerCallStreamObserver<GenerateResponse> call) {
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        AtomicInteger beats = new AtomicInteger();
        call.setOnCancelHandler(() -> {
            cancelled.incrementAndGet();
            task.get().cancel(false);
        });
        task.set(timer.scheduleAtFixedRate(() -> {
            if (call.isCancelled()) {
                return;
            }
            if (beats.incrementAndGet() <= 5) {
                call.onNext(progress(GenerationPhase.GENERATION_PHASE_PROMPT, beats.get() * 300));
                return;
            }
            task.get().cancel(false);
            PIECES.forEach(p -> call.onNext(chunk(p)));
            call.onNext(finalMessage(FinishReason.FINISH_REASON_STOP, PIECES.size()));
            call.onCompleted();
        }, 300, 300, TimeUnit.MILLISECONDS));
    }

    @Override
    public void renderChat(RenderChatRequest request, StreamObserver<RenderChatResponse> out) {
        if (stopped.get()) {
            return;
        }
        if (!request.getModel().isEmpty() && !request.getModel().equals(model)) {
            out.onError(Status.NOT_FOUND.withDescription("model not served here").asRuntimeException());
            return;
        }
        List<ChatMessage> messages = request.getChat().getMessagesList();
        String last = messages.isEmpty() ? "" : messages.get(messages.size() - 1).getContent();
        if (last.equals("refuse")) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("the model's chat template refused the messages:"
                    + " Conversation roles must alternate user/assistant/user/assistant/...").asRuntimeException());
            return;
        }
        if (last.equals("broken")) {
            out.onError(Status.FAILED_PRECONDITION.withDescription("chats cannot be served: the template does not"
                    + " compile; completions (a raw prompt) still run").asRuntimeException());
            return;
        }
        StringBuilder prompt = new StringBuilder();
        messages.forEach(m -> prompt.append("<|").append(m.getRole()).append("|>").append(m.getContent()));
        request.getChat().getToolsList().forEach(t -> prompt.append("<|tool:").append(t.getName()).append("|>"));
        if (!request.hasAddGenerationPrompt() || request.getAddGenerationPrompt()) {
            prompt.append("<|assistant|>");
        }
        RenderChatResponse.Builder response = RenderChatResponse.newBuilder().setPrompt(prompt.toString());
        for (int i = 0; i < messages.size() + 2; i++) {
            response.addIds(i);
        }
        out.onNext(response.build());
        out.onCompleted();
    }

    private static GenerateResponse progress(GenerationPhase phase, double elapsedMs) {
        return GenerateResponse.newBuilder().setProgress(Progress.newBuilder().setPhase(phase)
                .setElapsedMs(elapsedMs)).build();
    }

    private static GenerateResponse chunk(String text) {
        return GenerateResponse.newBuilder().setChunk(Chunk.newBuilder().setText(text).setTokens(1)).build();
    }

    private static GenerateResponse finalMessage(FinishReason reason, int tokens) {
        return GenerateResponse.newBuilder().setFinal(Final.newBuilder().setFinishReason(reason)
                .setUsage(Usage.newBuilder().setPromptTokens(7).setCompletionTokens(tokens))
                .setTimings(Timings.newBuilder().setTimeToFirstTokenMs(12.5).setTokensPerSecond(80).setTotalMs(70)))
                .build();
    }
}
