package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.HttpErrors;
import dev.llmplatform.gateway.inference.GenerationListener;
import dev.llmplatform.proto.inference.v1.Final;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams one generation as server-sent events. Headers go out with the first chunk, together with the role chunk
 * and the first text in one write (time to first token), so a failure before it still gets a real status code (404,
 * 429, 503, 504, ...). Only when the request has waited a whole keep-alive interval with nothing to send (admission
 * queue, the backend's queue, a long prompt) do the headers go out early, with a {@code : keep-alive} comment, and
 * then a comment follows every interval of silence so proxies and clients keep the stream open. A failure after the
 * headers is sent as a final {@code data: {"error":...}} event followed by {@code data: [DONE]}, never a silent cut.
 * All writes run on the request's Vert.x context, in order.
 */
final class SseAnswer implements GenerationListener {

    /** How long a client may leave the write queue full before the stream is cancelled: 30 s. */
    static final long MAX_STALL_NANOS = 30_000_000_000L;

    private final HttpServerResponse response;
    private final Context context;
    private final ObjectMapper mapper;
    private final AnswerFormat format;
    private final boolean includeUsage;
    private boolean started;
    private boolean wroteSinceTick;
    private long keepAliveTimer = -1;
    private long stalledSince;
    private Runnable onStalled = () -> { };

    /** Call on the request's context; keep-alive comments start after {@code keepAliveMillis} of silence. */
    SseAnswer(HttpServerResponse response, Context context, ObjectMapper mapper, AnswerFormat format,
            boolean includeUsage, long keepAliveMillis) {
        this.response = response;
        this.context = context;
        this.mapper = mapper;
        this.format = format;
        this.includeUsage = includeUsage;
        if (keepAliveMillis > 0) {
            keepAliveTimer = context.owner().setPeriodic(keepAliveMillis, id -> context.runOnContext(v -> tick()));
        }
    }

    /**
     * What to do when the client has not read for {@link #MAX_STALL_NANOS}: the caller cancels the generation, and
     * the connection is closed, so a client that never reads cannot make the gateway buffer without bound.
     */
    void onStalled(Runnable action) {
        this.onStalled = action;
    }

    @Override
    public void onChunk(String text, int tokens) {
        context.runOnContext(v -> write(opening() + event(format.deltaChunk(text))));
    }

    @Override
    public void onFinal(Final result) {
        context.runOnContext(v -> {
            StringBuilder events = new StringBuilder(opening());
            format.lastChunks(result, includeUsage).forEach(chunk -> events.append(event(chunk)));
            finish(events.toString());
        });
    }

    @Override
    public void onError(ApiException error, boolean afterFirstChunk) {
        context.runOnContext(v -> {
            if (!started) {
                stopKeepAlive();
                HttpErrors.write(response, mapper, error);
                return;
            }
            finish(event(error.body()));
        });
    }

    /** Every keep-alive interval: a comment when nothing was written since the last tick. */
    private void tick() {
        if (response.closed() || response.ended()) {
            stopKeepAlive();
            return;
        }
        if (!wroteSinceTick) {
            write(opening() + ": keep-alive\n\n");
        }
        wroteSinceTick = false;
    }

    private void stopKeepAlive() {
        if (keepAliveTimer >= 0) {
            context.owner().cancelTimer(keepAliveTimer);
            keepAliveTimer = -1;
        }
    }

    /**
     * Sets the status and headers when nothing was sent yet and returns the opening event (the role chunk), else
     * "". The caller writes it together with the first delta: headers, role chunk and first text then leave in one
     * write, so the client reads them at once (time to first token) instead of in two or three segments.
     */
    private String opening() {
        if (started || response.closed()) {
            return "";
        }
        started = true;
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        Object first = format.firstChunk();
        return first == null ? "" : event(first);
    }

    private String event(Object payload) {
        return "data: " + HttpErrors.json(mapper, payload) + "\n\n";
    }

    private void write(String events) {
        if (response.closed() || response.ended()) {
            stopKeepAlive();
            return;
        }
        wroteSinceTick = true;
        if (response.writeQueueFull()) {
            long now = System.nanoTime();
            if (stalledSince == 0) {
                stalledSince = now;
                response.drainHandler(v -> stalledSince = 0);
            } else if (now - stalledSince > MAX_STALL_NANOS) {
                onStalled.run();
                response.reset();
                return;
            }
        }
        response.write(events);
    }

    /** Writes the last events and the {@code [DONE]} marker, and ends the response. */
    private void finish(String events) {
        stopKeepAlive();
        if (!response.closed() && !response.ended()) {
            response.end(events + "data: [DONE]\n\n");
        }
    }
}
