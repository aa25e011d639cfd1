package dev.llmplatform.inference.generation;

import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.PieceIds;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;
import dev.llmplatform.inference.metrics.ModelMetrics;
import dev.llmplatform.inference.metrics.ModelMetrics.GenerationTimings;
import dev.llmplatform.inference.request.ValidatedGeneration;
import dev.llmplatform.inference.scheduling.SlotLease;
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
 * this thread), hands the slot back with the tokens its cells hold (the prompt and the generated tokens whose ids the
 * pieces name, {@link PieceIds}), and ends with exactly one {@link Final}.
 */
public final class GenerationRun implements SlotWork {

    private static final Logger LOG = Logger.getLogger(GenerationRun.class);

    private final TextEngine engine;
    private final ValidatedGeneration request;
    private final GenerationSink sink;
    private final StopSignal signal;
    private final ModelMetrics metrics;
    private final PieceIds pieces;
    private final GenerationTrace trace;
    private final long receivedNanos;
    private final long admittedNanos;

    /**
     * @param pieces        resolves generated pieces to token ids, for the account of what the slot holds
     * @param receivedNanos {@link System#nanoTime()} when the request arrived
     */
    public GenerationRun(TextEngine engine, ValidatedGeneration request, GenerationSink sink, StopSignal signal,
                         ModelMetrics metrics, PieceIds pieces, GenerationTrace trace, long receivedNanos) {
        this(engine, request, sink, signal, metrics, pieces, trace, receivedNanos, receivedNanos);
    }

    /**
     * @param pieces        resolves generated pieces to token ids, for the account of what the slot holds
     * @param trace         the generation's spans
     * @param receivedNanos {@link System#nanoTime()} when the request arrived
     * @param admittedNanos {@link System#nanoTime()} when it was validated and admitted (for the stage log)
     */
    public GenerationRun(TextEngine engine, ValidatedGeneration request, GenerationSink sink, StopSignal signal,
                         ModelMetrics metrics, PieceIds pieces, GenerationTrace trace, long receivedNanos,
                         long admittedNanos) {
        this.admittedNanos = admittedNanos;
        this.engine = engine;
        this.request = request;
        this.sink = sink;
        this.signal = signal;
        this.metrics = metrics;
        this.pieces = pieces;
        this.trace = trace;
        this.receivedNanos = receivedNanos;
    }

    @Override
    public int[] prompt() {
        return request.promptIds();
    }

    @Override
    public int answerCells() {
        return request.sampling().maxTokens();
    }

    @Override
    public void run(SlotLease lease) {
        trace.enter();
        try {
            runTraced(lease);
        } finally {
            trace.leave();
        }
    }

    private void runTraced(SlotLease lease) {
        long startNanos = System.nanoTime();
        int slot = lease.slot();
        PieceIds.Trail trail = pieces.trail();
        StopStringMatcher matcher = new StopStringMatcher(request.sampling().stops());
        int tokens = 0;
        int unsentTokens = 0;
        boolean lastTokenEmpty = false;
        long firstTokenNanos = -1;
        long firstChunkNanos = -1;
        long startedNanos = -1;
        long lastTokenNanos = -1;
        String error = "";
        TokenStream stream = null;
        try {
            if (!signal.requested()) {
                sink.phase(GenerationPhase.GENERATION_PHASE_PROMPT, 0);
                metrics.slotHolds(slot, request.promptTokens());
                stream = engine.start(request.toEngineRequest(), slot);
                startedNanos = System.nanoTime();
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
                    trail.add(piece.text());
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
                    if (firstChunkNanos < 0) {
                        firstChunkNanos = System.nanoTime();
                        stages(slot, lease.reused(), startNanos, startedNanos, firstTokenNanos, firstChunkNanos);
                    }
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
        boolean started = stream != null;
        // hand the slot back before the last message, so that a follow-up request (the next turn) finds it free;
        // after a failure what the slot holds is not known, and it is cleared
        lease.keep(started && error.isEmpty() ? trail.held(request.promptIds(), tokens) : new int[0],
                request.promptIds().length);
        int cached = started ? lease.reused() : 0;
        finish(error, matcher.stopped(), tokens, lastTokenEmpty, startNanos, firstTokenNanos, cached);
    }

    /**
     * Logs (at DEBUG) where the time to the first chunk went, in microseconds, with the arrival as a
     * {@link System#nanoTime()} value that a client on the same machine can compare with its own (the JVMs share the
     * monotonic clock).
     */
    private void stages(int slot, int reused, long startNanos, long startedNanos, long firstTokenNanos,
                        long firstChunkNanos) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("request %s stages (us): validate+admit %d, to slot thread %d, engine start %d, first token %d,"
                    + " first chunk sent %d; slot %d, %d of %d prompt tokens reused; received at %d ns",
                    request.requestId(), (admittedNanos - receivedNanos) / 1000, (startNanos - admittedNanos) / 1000,
                    (startedNanos - startNanos) / 1000, (firstTokenNanos - startedNanos) / 1000,
                    (firstChunkNanos - firstTokenNanos) / 1000, slot, reused, request.promptTokens(), receivedNanos);
        }
    }

    @Override
    public void abort() {
        signal.abort();
    }

    private void finish(String error, boolean stopString, int tokens, boolean lastTokenEmpty, long startNanos,
                        long firstTokenNanos, int cached) {
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
        metrics.prefixCache(request.promptTokens(), cached);
        double decodeSeconds = firstTokenNanos < 0 ? 0 : (endNanos - firstTokenNanos) / 1e9;
        Final last = Final.newBuilder()
                .setFinishReason(reason)
                .setUsage(Usage.newBuilder().setPromptTokens(request.promptTokens()).setCompletionTokens(tokens)
                        .setCachedTokens(cached))
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
