package dev.llmplatform.inference.generation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.MDC;

/**
 * The spans of one generation, children of the gRPC call's span (and so of the caller's trace, propagated with W3C
 * {@code traceparent}): {@code validate}, {@code queue}, {@code prompt} (prefill, to the first token) and
 * {@code decode}. They are recorded with their real start and end times when each phase is known, so nothing is done
 * per token; with tracing off the tracer is a no-op. The slot thread also puts the trace and span ids into the log
 * context, so every line a generation logs carries them.
 */
public final class GenerationTrace {

    private final Tracer tracer;
    private final Context parent;
    private final long epochOffsetNanos;

    private GenerationTrace(Tracer tracer, Context parent) {
        this.tracer = tracer;
        this.parent = parent;
        this.epochOffsetNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
    }

    /** A trace under the calling thread's current context (the gRPC call). */
    public static GenerationTrace underCurrent(Tracer tracer) {
        return new GenerationTrace(tracer, Context.current());
    }

    /** Records a phase that ran from {@code startNanos} to {@code endNanos} ({@link System#nanoTime()} values). */
    public void phase(String name, long startNanos, long endNanos) {
        if (startNanos < 0 || endNanos < startNanos) {
            return;
        }
        Span span = tracer.spanBuilder(name).setParent(parent)
                .setStartTimestamp(startNanos + epochOffsetNanos, TimeUnit.NANOSECONDS).startSpan();
        span.end(endNanos + epochOffsetNanos, TimeUnit.NANOSECONDS);
    }

    /** Puts the trace and span ids into the calling thread's log context; {@link #leave()} takes them out. */
    public void enter() {
        SpanContext context = Span.fromContext(parent).getSpanContext();
        if (context.isValid()) {
            MDC.put("traceId", context.getTraceId());
            MDC.put("spanId", context.getSpanId());
        }
    }

    /** Takes the ids out of the log context. */
    public void leave() {
        MDC.remove("traceId");
        MDC.remove("spanId");
    }
}
