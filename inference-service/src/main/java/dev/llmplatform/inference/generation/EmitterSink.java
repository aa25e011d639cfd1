package dev.llmplatform.inference.generation;

import dev.llmplatform.proto.inference.v1.Chunk;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import io.smallrye.mutiny.subscription.MultiEmitter;

/** Sends a generation's output to a gRPC stream; runs a callback once the final message is out. */
public final class EmitterSink implements GenerationSink {

    private final MultiEmitter<? super GenerateResponse> emitter;
    private final Runnable onFinish;

    /** A sink for one stream. */
    public EmitterSink(MultiEmitter<? super GenerateResponse> emitter, Runnable onFinish) {
        this.emitter = emitter;
        this.onFinish = onFinish;
    }

    @Override
    public void chunk(String text, int tokens) {
        if (!emitter.isCancelled()) {
            emitter.emit(GenerateResponse.newBuilder().setChunk(Chunk.newBuilder().setText(text).setTokens(tokens))
                    .build());
        }
    }

    @Override
    public void finish(Final last) {
        try {
            if (!emitter.isCancelled()) {
                emitter.emit(GenerateResponse.newBuilder().setFinal(last).build());
                emitter.complete();
            }
        } finally {
            onFinish.run();
        }
    }
}
