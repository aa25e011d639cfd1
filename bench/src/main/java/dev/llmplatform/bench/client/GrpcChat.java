package dev.llmplatform.bench.client;

import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/** Streams {@code Generate} straight from an inference service over gRPC, timing it from the client side. */
public final class GrpcChat implements AutoCloseable {

    private final ManagedChannel channel;
    private final InferenceServiceGrpc.InferenceServiceBlockingStub stub;

    /** A client of the inference service on 127.0.0.1:port. */
    public GrpcChat(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = InferenceServiceGrpc.newBlockingStub(channel);
    }

    /** The request as the gateway would build it from the same chat. */
    public static GenerateRequest request(ChatRequest chat) {
        SamplingParams params = SamplingParams.newBuilder().setMaxTokens(chat.maxTokens())
                .setTemperature((float) chat.temperature()).setSeed(chat.seed()).build();
        return GenerateRequest.newBuilder().setModel(chat.model())
                .setChat(Chat.newBuilder().addMessages(ChatMessage.newBuilder().setRole("user")
                        .setContent(chat.prompt())))
                .setParams(params).build();
    }

    /** Streams one generation; a deadline that passes gives HUNG. */
    public StreamResult stream(ChatRequest chat, Duration timeout) {
        long start = System.nanoTime();
        long ttft = -1;
        StringBuilder text = new StringBuilder();
        int pieces = 0;
        try {
            Iterator<GenerateResponse> responses = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .generate(request(chat));
            while (responses.hasNext()) {
                GenerateResponse response = responses.next();
                if (response.hasChunk()) {
                    String piece = response.getChunk().getText();
                    if (!piece.isEmpty()) {
                        ttft = ttft < 0 ? System.nanoTime() - start : ttft;
                        text.append(piece);
                        pieces++;
                    }
                } else if (response.hasFinal()) {
                    FinishReason reason = response.getFinal().getFinishReason();
                    StreamResult.Outcome outcome = reason == FinishReason.FINISH_REASON_ERROR
                            ? StreamResult.Outcome.FAILED : StreamResult.Outcome.COMPLETED;
                    return new StreamResult(outcome, outcome == StreamResult.Outcome.FAILED ? "gRPC Final ERROR" : "",
                            ttft, System.nanoTime() - start, response.getFinal().getUsage().getCompletionTokens(),
                            text.toString(), 0, reason.name());
                }
            }
            return new StreamResult(StreamResult.Outcome.TRUNCATED, "gRPC stream ended without Final", ttft,
                    System.nanoTime() - start, pieces, text.toString(), 0, "");
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            return new StreamResult(code == Status.Code.DEADLINE_EXCEEDED ? StreamResult.Outcome.HUNG
                    : StreamResult.Outcome.FAILED, "gRPC " + code, ttft, System.nanoTime() - start, pieces,
                    text.toString(), 0, "");
        }
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
