package dev.llmplatform.inference.generation;

import dev.llmplatform.proto.inference.v1.Chunk;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GenerationPhase;
import dev.llmplatform.proto.inference.v1.Progress;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Sends one generation's output to its gRPC stream: chunks, the final message, and {@link Progress} heartbeats when
 * the stream has been silent (sent from the {@link Heartbeats} thread). Emission is serialised, and nothing is sent
 * after {@link #finish} or {@link #close}.
 */
public final class EmitterSink implements GenerationSink {

    private final MultiEmitter<? super GenerateResponse> emitter;
    private final long receivedNanos;
    private volatile Runnable onFinish = () -> { };
    private volatile GenerationPhase phase = GenerationPhase.GENERATION_PHASE_QUEUED;
    private volatile int generatedTokens;
    private volatile long lastSentNanos;
    private boolean closed;

    /**
     * A sink for one stream.
     *
     * @param receivedNanos {@link System#nanoTime()} when the request arrived
     */
    public EmitterSink(MultiEmitter<? super GenerateResponse> emitter, long receivedNanos) {
        this.emitter = emitter;
        this.receivedNanos = receivedNanos;
        this.lastSentNanos = receivedNanos;
    }

    /** Runs {@code action} once the final message is out (or the sink is closed). */
    public void onFinish(Runnable action) {
        this.onFinish = action;
    }

    @Override
    public synchronized void chunk(String text, int tokens) {
        send(GenerateResponse.newBuilder().setChunk(Chunk.newBuilder().setText(text).setTokens(tokens)).build());
    }

    @Override
    public void finish(Final last) {
        try {
            synchronized (this) {
                if (!closed && !emitter.isCancelled()) {
                    emitter.emit(GenerateResponse.newBuilder().setFinal(last).build());
                    emitter.complete();
                }
                closed = true;
            }
        } finally {
            onFinish.run();
        }
    }

    @Override
    public void phase(GenerationPhase phase, int generatedTokens) {
        this.phase = phase;
        this.generatedTokens = generatedTokens;
    }

    /** Sends a Progress message now. */
    public synchronized void progress() {
        send(GenerateResponse.newBuilder().setProgress(Progress.newBuilder().setPhase(phase)
                .setElapsedMs((System.nanoTime() - receivedNanos) / 1e6).setGeneratedTokens(generatedTokens))
                .build());
    }

    /** Sends a Progress message when nothing was sent for {@code silenceNanos}. */
    public void beatIfSilent(long nowNanos, long silenceNanos) {
        if (nowNanos - lastSentNanos >= silenceNanos) {
            progress();
        }
    }

    /** Sends nothing more (the request was refused before it was scheduled); the caller ends the stream. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        onFinish.run();
    }

    private void send(GenerateResponse response) {
        if (!closed && !emitter.isCancelled()) {
            emitter.emit(response);
            lastSentNanos = System.nanoTime();
        }
    }
}
