package dev.llmplatform.testkit.client;

import dev.llmplatform.grpcauth.SharedTokenInterceptor;
import dev.llmplatform.proto.inference.v1.Chunk;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GenerationPhase;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.Progress;
import dev.llmplatform.proto.inference.v1.TokenizeRequest;
import dev.llmplatform.proto.inference.v1.TokenizeResponse;
import dev.llmplatform.proto.inference.v1.Usage;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An inference service on 127.0.0.1 that answers from a script instead of a model, behind the real shared-token
 * interceptor: Generate streams a Progress at admission, a chunk, a Progress (as after a silent second), an empty
 * chunk, a chunk and the final message; one built as refused answers every Generate with UNAVAILABLE "model failed to
 * load", as the real service does after it refused its model.
 */
final class FakeInferenceService extends InferenceServiceGrpc.InferenceServiceImplBase implements AutoCloseable {

    static final List<String> PIECES = List.of("Once", "", " upon");
    final AtomicInteger loadCalls = new AtomicInteger();
    private final Server server;
    private final boolean refused;

    FakeInferenceService(Optional<String> token) throws IOException {
        this(token, false);
    }

    FakeInferenceService(Optional<String> token, boolean refused) throws IOException {
        this.refused = refused;
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(this, new SharedTokenInterceptor(token))).build().start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void generate(GenerateRequest request, StreamObserver<GenerateResponse> out) {
        if (refused) {
            out.onError(Status.UNAVAILABLE.withDescription("model failed to load; see the service log")
                    .asRuntimeException());
            return;
        }
        out.onNext(progress(GenerationPhase.GENERATION_PHASE_QUEUED, 0));
        out.onNext(chunk(PIECES.get(0), 1));
        out.onNext(progress(GenerationPhase.GENERATION_PHASE_GENERATING, 1));
        out.onNext(chunk(PIECES.get(1), 1));
        out.onNext(chunk(PIECES.get(2), 2));
        out.onNext(GenerateResponse.newBuilder().setFinal(Final.newBuilder()
                .setFinishReason(FinishReason.FINISH_REASON_LENGTH)
                .setUsage(Usage.newBuilder().setPromptTokens(5).setCompletionTokens(4))).build());
        out.onCompleted();
    }

    @Override
    public void getLoad(GetLoadRequest request, StreamObserver<LoadReport> out) {
        int call = loadCalls.incrementAndGet();
        out.onNext(LoadReport.newBuilder().setSlots(2).setRunning(call < 3 ? 1 : 0).setReady(true).build());
        out.onCompleted();
    }

    @Override
    public void getModelInfo(GetModelInfoRequest request, StreamObserver<ModelInfo> out) {
        out.onNext(ModelInfo.newBuilder().setName("fake").setContextLength(128).setReady(true).build());
        out.onCompleted();
    }

    @Override
    public void tokenize(TokenizeRequest request, StreamObserver<TokenizeResponse> out) {
        TokenizeResponse.Builder response = TokenizeResponse.newBuilder();
        if (request.getAddBos()) {
            response.addIds(1);
        }
        request.getText().chars().forEach(response::addIds);
        out.onNext(response.build());
        out.onCompleted();
    }

    private static GenerateResponse progress(GenerationPhase phase, int generated) {
        return GenerateResponse.newBuilder().setProgress(Progress.newBuilder().setPhase(phase)
                .setGeneratedTokens(generated)).build();
    }

    private static GenerateResponse chunk(String text, int tokens) {
        return GenerateResponse.newBuilder().setChunk(Chunk.newBuilder().setText(text).setTokens(tokens)).build();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
