package dev.llmplatform.compare;

import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import dev.llmplatform.proto.inference.v1.TokenizeRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/** A gRPC client of one inference service that runs prompts greedily and times the stream on the client side. */
public final class GenerationClient implements AutoCloseable {

    /** The fixed sampling seed (temperature 0 makes it irrelevant for greedy decoding, but it is sent anyway). */
    public static final long SEED = 42;

    private final ManagedChannel channel;
    private final InferenceServiceGrpc.InferenceServiceBlockingStub stub;
    private final Duration deadline;

    /** Connects (lazily) to {@code 127.0.0.1:port}; every call gets {@code deadline}. */
    public GenerationClient(int port, Duration deadline) {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        this.stub = InferenceServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
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
                .setParams(SamplingParams.newBuilder().setMaxTokens(1)).setRequestId("compare-load-probe").build();
        try {
            Iterator<GenerateResponse> stream = stub.withDeadlineAfter(2, TimeUnit.SECONDS).generate(probe);
            while (stream.hasNext()) {
                stream.next();
            }
            return false;
        } catch (StatusRuntimeException e) {
            String description = e.getStatus().getDescription();
            return e.getStatus().getCode() == Status.Code.UNAVAILABLE && description != null
                    && description.contains("failed to load");
        }
    }

    /** Runs one prompt at temperature 0 with the fixed seed; gRPC errors become a failed result, never an exception. */
    public PromptResult generate(Prompt prompt, int maxTokens) {
        Chat.Builder chat = Chat.newBuilder();
        prompt.messages().forEach(m -> chat.addMessages(ChatMessage.newBuilder().setRole(m.role())
                .setContent(m.content())));
        GenerateRequest request = GenerateRequest.newBuilder().setChat(chat)
                .setParams(SamplingParams.newBuilder().setMaxTokens(maxTokens).setTemperature(0f).setSeed(SEED))
                .setRequestId("compare-" + prompt.id()).build();
        StringBuilder text = new StringBuilder();
        long start = System.nanoTime();
        long first = -1;
        long last = -1;
        int tokensAfterFirst = 0;
        int chunks = 0;
        try {
            Iterator<GenerateResponse> stream = call().generate(request);
            while (stream.hasNext()) {
                GenerateResponse response = stream.next();
                if (response.hasChunk()) {
                    long now = System.nanoTime();
                    if (first < 0) {
                        first = now;
                    } else {
                        tokensAfterFirst += response.getChunk().getTokens();
                    }
                    last = now;
                    chunks++;
                    text.append(response.getChunk().getText());
                } else if (response.hasFinal()) {
                    return result(prompt.id(), maxTokens, text.toString(), response.getFinal(),
                            first < 0 ? Double.NaN : millis(first - start),
                            chunks < 2 || last == first ? Double.NaN : tokensAfterFirst / ((last - first) / 1e9));
                }
            }
            return PromptResult.failed(prompt.id(), maxTokens, "the stream ended without a Final message");
        } catch (StatusRuntimeException e) {
            return PromptResult.failed(prompt.id(), maxTokens,
                    e.getStatus().getCode() + ": " + e.getStatus().getDescription());
        }
    }

    private static PromptResult result(String id, int maxTokens, String text, Final fin, double ttftMs,
            double tokensPerSecond) {
        return new PromptResult(id, text, maxTokens, fin.getUsage().getPromptTokens(),
                fin.getUsage().getCompletionTokens(), fin.getFinishReason().name().replace("FINISH_REASON_", ""),
                ttftMs, tokensPerSecond, fin.getTimings().getTimeToFirstTokenMs(),
                fin.getTimings().getTokensPerSecond(), fin.getError());
    }

    private InferenceServiceGrpc.InferenceServiceBlockingStub call() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
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
