package dev.llmplatform.inference.generation;

import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;
import dev.llmplatform.inference.metrics.ModelMetrics;
import dev.llmplatform.inference.metrics.ModelMetrics.GenerationTimings;
import dev.llmplatform.inference.request.ValidatedGeneration;
import dev.llmplatform.inference.scheduling.SlotWork;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.GenerationPhase;
import dev.llmplatform.proto.inference.v1.Timings;
import dev.llmplatform.proto.inference.v1.Usage;
import org.jboss.logging.Logger;

/**
 * One generation on a slot thread, in the engine slot it was leased: pulls pieces from the engine, emits each as soon
 * as the stop-string matcher releases it, polls the {@link StopSignal} between tokens (and cancels the engine from
 * this thread), ends with exactly one {@link Final}, and then releases the engine slot.
 */
public final class GenerationRun implements SlotWork {

    private static final Logger LOG = Logger.getLogger(GenerationRun.class);

    private final TextEngine engine;
    private final ValidatedGeneration request;
    private final GenerationSink sink;
    private final StopSignal signal;
    private final ModelMetrics metrics;
    private final GenerationTrace trace;
    private final long receivedNanos;

    /**
     * @param receivedNanos {@link System#nanoTime()} when the request arrived
     */
    public GenerationRun(TextEngine engine, ValidatedGeneration request, GenerationSink sink, StopSignal signal,
                         ModelMetrics metrics, GenerationTrace trace, long receivedNanos) {
        this.engine = engine;
        this.request = request;
        this.sink = sink;
        this.signal = signal;
        this.metrics = metrics;
        this.trace = trace;
        this.receivedNanos = receivedNanos;
    }

    @Override
    public void run(int slot) {
        trace.enter();
        try {
            runTraced(slot);
        } finally {
            trace.leave();
        }
    }

    private void runTraced(int slot) {
        long startNanos = System.nanoTime();
        StopStringMatcher matcher = new StopStringMatcher(request.sampling().stops());
        int tokens = 0;
        int unsentTokens = 0;
        boolean lastTokenEmpty = false;
        long firstTokenNanos = -1;
        long lastTokenNanos = -1;
        String error = "";
        TokenStream stream = null;
        try {
            if (!signal.requested()) {
                sink.phase(GenerationPhase.GENERATION_PHASE_PROMPT, 0);
                metrics.slotHolds(slot, request.promptTokens());
                stream = engine.start(request.toEngineRequest(), slot);
            }
            while (stream != null) {
                if (signal.requested()) {
                    stream.cancel();
                    break;
                }
                Piece piece = stream.next();
                if (piece == null) {
                    break;
                }
                if (piece.token()) {
                    tokens++;
                    long now = System.nanoTime();
                    if (lastTokenNanos >= 0) {
                        metrics.tokenGap(now - lastTokenNanos);
                    }
                    lastTokenNanos = now;
                    metrics.slotHolds(slot, request.promptTokens() + tokens);
                    sink.phase(GenerationPhase.GENERATION_PHASE_GENERATING, tokens);
                    unsentTokens++;
                    lastTokenEmpty = piece.text().isEmpty();
                    if (firstTokenNanos < 0) {
                        firstTokenNanos = System.nanoTime();
                    }
                }
                String released = matcher.accept(piece.text());
                if (!released.isEmpty()) {
                    sink.chunk(released, unsentTokens);
                    unsentTokens = 0;
                }
                if (matcher.stopped()) {
                    stream.cancel();
                    break;
                }
            }
            String rest = matcher.flush();
            if (!rest.isEmpty() && !signal.requested()) {
                sink.chunk(rest, unsentTokens);
            }
        } catch (EngineException e) {
            LOG.errorf(e, "request %s: engine failure", request.requestId());
            error = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "request %s: unexpected failure", request.requestId());
            error = "internal error during generation";
        }
        try {
            finish(error, matcher.stopped(), tokens, lastTokenEmpty, startNanos, firstTokenNanos);
        } finally {
            if (stream != null) {
                stream.release();
            }
            // the engine clears every slot but 0 after use (LlamaSlots); slot 0 keeps its cells until its next request
            metrics.slotHolds(slot, slot == 0 && stream != null ? request.promptTokens() + tokens : 0);
        }
    }

    @Override
    public void abort() {
        signal.abort();
    }

    private void finish(String error, boolean stopString, int tokens, boolean lastTokenEmpty, long startNanos,
                        long firstTokenNanos) {
        long endNanos = System.nanoTime();
        trace.phase("queue", receivedNanos, startNanos);
        trace.phase("prompt", startNanos, firstTokenNanos < 0 ? endNanos : firstTokenNanos);
        trace.phase("decode", firstTokenNanos, endNanos);
        StopSignal.Cause cause = signal.cause();
        if (cause == StopSignal.Cause.ABORTED && error.isEmpty()) {
            error = "the service is shutting down; generation was stopped";
        }
        boolean cancelled = cause == StopSignal.Cause.CANCELLED && !stopString;
        FinishReason reason = FinishReasons.resolve(!error.isEmpty(), cancelled, stopString, tokens, lastTokenEmpty);
        GenerationTimings timings = new GenerationTimings(startNanos - receivedNanos,
                firstTokenNanos < 0 ? -1 : firstTokenNanos - receivedNanos, endNanos - receivedNanos);
        metrics.recordGeneration(timings, request.promptTokens(), tokens,
                cancelled || cause == StopSignal.Cause.ABORTED ? "abort" : FinishReasons.label(reason));
        double decodeSeconds = firstTokenNanos < 0 ? 0 : (endNanos - firstTokenNanos) / 1e9;
        Final last = Final.newBuilder()
                .setFinishReason(reason)
                .setUsage(Usage.newBuilder().setPromptTokens(request.promptTokens()).setCompletionTokens(tokens))
                .setTimings(Timings.newBuilder()
                        .setTimeToFirstTokenMs(firstTokenNanos < 0 ? 0 : timings.firstTokenNanos() / 1e6)
                        .setTokensPerSecond(tokens > 1 && decodeSeconds > 0 ? (tokens - 1) / decodeSeconds : 0)
                        .setTotalMs(timings.totalNanos() / 1e6)
                        .setQueueMs(timings.queueNanos() / 1e6))
                .setError(error)
                .setPlainCompletion(request.plainCompletion())
                .build();
        LOG.debugf("request %s finished: %s, %d prompt + %d generated tokens", request.requestId(), reason,
                request.promptTokens(), tokens);
        sink.finish(last);
    }
}
