package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.GenerationHandle;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.error.ErrorMapping;
import dev.llmplatform.gateway.http.HttpErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * One generation as server-sent events, the items of the resource's {@code RestMulti}: Quarkus REST writes the
 * status and headers with the first item, so a request refused before it (404, 429, 503, 504) gets a real status
 * code through the exception mappers. The first item is the role chunk together with the first text (one write:
 * time to first token). When a whole keep-alive interval passes with nothing to send (the admission queue, the
 * backend's queue, a long prompt), a {@code : keep-alive} comment goes out instead, and another every interval of
 * silence. A failure after the first item is a last {@code data: {"error":...}} event and {@code data: [DONE]}. A
 * client that takes nothing for {@link #MAX_STALL_NANOS} has its generation cancelled and its connection closed.
 * Everything runs on the request's Vert.x context, in order.
 */
final class SseStream implements GenerationListener {

    /** How long a client may leave events untaken before the stream is cancelled: 30 s. */
    static final long MAX_STALL_NANOS = 30_000_000_000L;
    private static final String DONE = "data: [DONE]\n\n";

    private final AnswerFormat format;
    private final boolean includeUsage;
    private final Context context;
    private final ObjectMapper mapper;
    private final HttpServerResponse response;
    private final long keepAliveMillis;
    private MultiEmitter<? super String> emitter;
    private GenerationHandle handle;
    private boolean started;
    private boolean ended;
    private boolean wroteSinceTick;
    private long keepAliveTimer = -1;
    private long stalledSince;

    private SseStream(AnswerFormat format, boolean includeUsage, Context context, ObjectMapper mapper,
            HttpServerResponse response, long keepAliveMillis) {
        this.format = format;
        this.includeUsage = includeUsage;
        this.context = context;
        this.mapper = mapper;
        this.response = response;
        this.keepAliveMillis = keepAliveMillis;
    }

    /** The events of {@code request}; the generation starts when Quarkus REST subscribes (on the event loop). */
    static Multi<String> of(InferenceBackend backend, GenerationRequest request, AnswerFormat format,
            boolean includeUsage, Context context, ObjectMapper mapper, HttpServerResponse response,
            long keepAliveMillis) {
        return Multi.createFrom().emitter(emitter -> new SseStream(format, includeUsage, context, mapper, response,
                keepAliveMillis).start(backend, request, emitter), BackPressureStrategy.BUFFER);
    }

    private void start(InferenceBackend backend, GenerationRequest request, MultiEmitter<? super String> target) {
        emitter = target;
        target.onTermination(this::terminated);
        try {
            handle = backend.generate(request, this);
        } catch (RuntimeException refused) {
            ended = true;
            target.fail(refused);
            return;
        }
        if (keepAliveMillis > 0) {
            keepAliveTimer = context.owner().setPeriodic(keepAliveMillis, id -> context.runOnContext(v -> tick()));
        }
    }

    @Override
    public void onChunk(String text, int tokens) {
        context.runOnContext(v -> {
            if (!ended) {
                Object delta = format.deltaChunk(text);
                if (delta != null) {
                    emit(opening() + event(delta));
                }
            }
        });
    }

    @Override
    public void onFinal(GenerationResult result) {
        context.runOnContext(v -> {
            if (ended) {
                return;
            }
            ended = true;
            StringBuilder events = new StringBuilder(opening());
            format.lastChunks(result, includeUsage).forEach(chunk -> events.append(event(chunk)));
            emit(events.append(DONE).toString());
            emitter.complete();
        });
    }

    @Override
    public void onError(BackendFailure failure, boolean afterFirstChunk) {
        context.runOnContext(v -> {
            if (ended) {
                return;
            }
            ended = true;
            if (!started) {
                emitter.fail(failure); // nothing sent yet: a real status code
                return;
            }
            emit(event(ErrorMapping.of(failure).body()) + DONE);
            emitter.complete();
        });
    }

    /** Every keep-alive interval: a comment when nothing was sent since the last tick. */
    private void tick() {
        if (!ended && !wroteSinceTick) {
            emit(opening() + ": keep-alive\n\n");
        }
        wroteSinceTick = false;
    }

    /**
     * The role chunk when nothing was sent yet (it then leaves together with the first text or comment), else "".
     */
    private String opening() {
        if (started) {
            return "";
        }
        started = true;
        Object first = format.firstChunk();
        return first == null ? "" : event(first);
    }

    private String event(Object payload) {
        return "data: " + HttpErrors.json(mapper, payload) + "\n\n";
    }

    private void emit(String events) {
        if (emitter.isCancelled() || response.closed()) {
            return; // the client left: Quarkus REST cancels the stream
        }
        wroteSinceTick = true;
        if (emitter.requested() > 0) {
            stalledSince = 0;
        } else if (stalledSince == 0) {
            stalledSince = System.nanoTime();
        } else if (System.nanoTime() - stalledSince > MAX_STALL_NANOS) {
            ended = true;
            handle.cancel();
            response.reset(); // closes the connection; Quarkus REST then cancels this stream
            return;
        }
        emitter.emit(events);
    }

    /** Completed, failed or cancelled (the client went away): the generation and the timer stop. */
    private void terminated() {
        if (keepAliveTimer >= 0) {
            context.owner().cancelTimer(keepAliveTimer);
            keepAliveTimer = -1;
        }
        if (handle != null && !ended) {
            handle.cancel();
        }
    }
}
