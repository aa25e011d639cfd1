package dev.llmplatform.testkit.client;

import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.Progress;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import dev.llmplatform.proto.inference.v1.TokenizeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client of one inference service on 127.0.0.1: streams {@code Generate} and times it on the client side
 * ({@link Generation}: text from the chunks, progress heartbeats counted apart, the final message or the error),
 * and reads the model's description and token counts. Sends the shared gRPC token when one is set.
 */
public final class GenerateClient implements AutoCloseable {

    /** The deadline of a call when none is given. */
    public static final Duration DEADLINE = Duration.ofMinutes(5);
    private final ManagedChannel channel;
    private final InferenceServiceGrpc.InferenceServiceBlockingStub stub;
    private final Duration deadline;

    /** A client of the inference service on 127.0.0.1:port, with the configured token (if any). */
    public GenerateClient(int port) {
        this(port, DEADLINE, GrpcChannels.configuredToken());
    }

    /** A client of the inference service on 127.0.0.1:port; every call gets {@code deadline} unless told otherwise. */
    public GenerateClient(int port, Duration deadline, Optional<String> token) {
        this.channel = GrpcChannels.plaintext(port);
        this.stub = GrpcChannels.withToken(InferenceServiceGrpc.newBlockingStub(channel), token);
        this.deadline = deadline;
    }

    /** The request the gateway builds from the same single-turn chat. */
    public static GenerateRequest request(ChatRequest chat) {
        SamplingParams params = SamplingParams.newBuilder().setMaxTokens(chat.maxTokens())
                .setTemperature((float) chat.temperature()).setSeed(chat.seed()).build();
        return GenerateRequest.newBuilder().setModel(chat.model())
                .setChat(Chat.newBuilder().addMessages(ChatMessage.newBuilder().setRole("user")
                        .setContent(chat.prompt())))
                .setParams(params).build();
    }

    /** Streams one chat to its end; a deadline that passes gives HUNG. */
    public StreamResult stream(ChatRequest chat, Duration timeout) {
        return generate(request(chat), timeout).toStreamResult();
    }

    /** Streams one generation with the client's deadline; gRPC errors are part of the result, never thrown. */
    public Generation generate(GenerateRequest request) {
        return generate(request, deadline);
    }

    /** Streams one generation; gRPC errors are part of the result, never thrown. */
    public Generation generate(GenerateRequest request, Duration timeout) {
        long start = System.nanoTime();
        StringBuilder text = new StringBuilder();
        List<Progress> progress = new ArrayList<>();
        long firstChunk = -1;
        long firstText = -1;
        long lastChunk = -1;
        int chunks = 0;
        int pieces = 0;
        int tokensAfterFirst = 0;
        try {
            Iterator<GenerateResponse> responses = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .generate(request);
            while (responses.hasNext()) {
                GenerateResponse response = responses.next();
                switch (response.getKindCase()) {
                    case CHUNK -> {
                        long now = System.nanoTime() - start;
                        if (firstChunk < 0) {
                            firstChunk = now;
                        } else {
                            tokensAfterFirst += response.getChunk().getTokens();
                        }
                        lastChunk = now;
                        chunks++;
                        String piece = response.getChunk().getText();
                        if (!piece.isEmpty()) {
                            firstText = firstText < 0 ? now : firstText;
                            text.append(piece);
                            pieces++;
                        }
                    }
                    case PROGRESS -> progress.add(response.getProgress());
                    case FINAL -> {
                        return new Generation(text.toString(), chunks, pieces, tokensAfterFirst, List.copyOf(progress),
                                firstChunk, firstText, lastChunk, System.nanoTime() - start,
                                Optional.of(response.getFinal()), Optional.empty());
                    }
                    default -> {
                        // A message kind this client does not know: ignored, as the contract asks.
                    }
                }
            }
            return new Generation(text.toString(), chunks, pieces, tokensAfterFirst, List.copyOf(progress), firstChunk,
                    firstText, lastChunk, System.nanoTime() - start, Optional.<Final>empty(), Optional.empty());
        } catch (StatusRuntimeException e) {
            return new Generation(text.toString(), chunks, pieces, tokensAfterFirst, List.copyOf(progress), firstChunk,
                    firstText, lastChunk, System.nanoTime() - start, Optional.empty(), Optional.of(e.getStatus()));
        }
    }

    /** The served model's description. */
    public ModelInfo modelInfo() {
        return call().getModelInfo(GetModelInfoRequest.getDefaultInstance());
    }

    /** The number of tokens of {@code text} with the model's vocabulary, BOS included when the model adds one. */
    public int tokenCount(String text) {
        return call().tokenize(TokenizeRequest.newBuilder().setText(text).setAddBos(true).build()).getIdsCount();
    }

    /**
     * Whether the service refused its model: while loading, Generate answers {@code UNAVAILABLE "model is loading"};
     * after a refused load it answers {@code UNAVAILABLE "model failed to load; see the service log"} (see
     * inference-service/README.md) and readiness stays DOWN for good, so waiting longer is pointless.
     */
    public boolean modelFailedToLoad() {
        GenerateRequest probe = GenerateRequest.newBuilder().setPrompt("x")
                .setParams(SamplingParams.newBuilder().setMaxTokens(1)).setRequestId("kit-load-probe").build();
        Optional<Status> error = generate(probe, Duration.ofSeconds(2)).error();
        return error.isPresent() && error.get().getCode() == Status.Code.UNAVAILABLE
                && error.get().getDescription() != null && error.get().getDescription().contains("failed to load");
    }

    private InferenceServiceGrpc.InferenceServiceBlockingStub call() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
