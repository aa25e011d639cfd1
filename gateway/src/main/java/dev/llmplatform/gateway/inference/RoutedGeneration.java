package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.BackendFailure.Kind;
import dev.llmplatform.gateway.backend.GenerationHandle;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.grpc.GrpcFailures;
import dev.llmplatform.gateway.http.Echo;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One generation routed to the endpoints of a model: waits for admission, calls the ready endpoint
 * {@link EndpointSelector} picks for its prompt prefix (the replica most likely holding it, bounded by load), and when an endpoint fails before the first chunk (UNAVAILABLE, RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN, or silence)
 * tries the next one. After the first chunk a failure goes to the listener as an error. Every call carries a
 * deadline.
 *
 * <p>A stalled backend (a stopped process keeps its connections open, so nothing fails) is found by silence: the
 * inference service sends a Progress message as soon as it receives a call and then whenever its stream has been
 * quiet for its heartbeat interval. No first message within the accept timeout, or no message at all for the stall
 * timeout later, cancels the call and marks the endpoint suspect (out of routing until a probe succeeds again);
 * before the first chunk the next endpoint is tried, after it the client gets an explicit error.
 *
 * <p>The stream's callbacks run directly on the gRPC transport thread (no hop through grpc-java's default executor):
 * every listener only hands the chunk to Vert.x ({@code runOnContext}, {@code sendText}) and never blocks, and one
 * thread hop less is time to first token and per-token latency saved. Callbacks and the silence timer take this
 * object's lock, so the listener is never called concurrently.
 */
final class RoutedGeneration implements GenerationHandle {

    private static final Logger LOG = Logger.getLogger(RoutedGeneration.class);

    private final String model;
    private final GenerateRequest request;
    private final Supplier<List<Endpoint>> endpoints;
    private final Affinity affinity;
    private final EndpointRegistry registry;
    private final StreamTimeouts timeouts;
    private final ScheduledExecutorService timer;
    private final int retryAfter;
    private final GenerationListener listener;
    private final Set<String> tried = new HashSet<>();
    private volatile AdmissionQueue.Permit permit;
    private volatile Attempt current;
    private volatile boolean cancelled;
    private boolean ended;
    private boolean firstChunkSeen;
    private Throwable lastFailure;
    private final GenerationTracing tracing;
    private final Context parent;
    private final Span admissionSpan;

    /**
     * Where the generation prefers to go.
     *
     * @param prefixKey  the request's {@link PrefixKey}; empty: least loaded
     * @param slack      how much higher a load score the key's home may have than the least-loaded endpoint's
     * @param placements where each key was last sent, updated with every attempt
     */
    record Affinity(OptionalLong prefixKey, double slack, PrefixPlacements placements) {

        Optional<String> lastSentTo() {
            return prefixKey.isEmpty() ? Optional.empty() : placements.lastSentTo(prefixKey.getAsLong());
        }

        void sentTo(String address) {
            prefixKey.ifPresent(key -> placements.sentTo(key, address));
        }
    }

    RoutedGeneration(String model, GenerateRequest request, Supplier<List<Endpoint>> endpoints, Affinity affinity,
            EndpointRegistry registry, StreamTimeouts timeouts, ScheduledExecutorService timer, int retryAfter,
            GenerationListener listener, GenerationTracing tracing) {
        this.model = model;
        this.tracing = tracing;
        this.parent = Context.current();
        this.admissionSpan = tracing.admission(parent, model);
        this.request = request;
        this.endpoints = endpoints;
        this.affinity = affinity;
        this.registry = registry;
        this.timeouts = timeouts;
        this.timer = timer;
        this.retryAfter = retryAfter;
        this.listener = listener;
    }

    /** Starts once the admission permit is granted. */
    void start(CompletableFuture<AdmissionQueue.Permit> ticket) {
        ticket.whenComplete((granted, failure) -> {
            admissionSpan.setStatus(failure == null ? StatusCode.OK : StatusCode.ERROR);
            admissionSpan.end();
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                synchronized (this) {
                    end(() -> listener.onError(GrpcFailures.fromInference(cause, model, retryAfter), false));
                }
                return;
            }
            permit = granted;
            if (cancelled) {
                granted.release();
                return;
            }
            synchronized (this) {
                attempt();
            }
        });
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        Attempt attempt = current;
        if (attempt != null) {
            attempt.abandon("Cancelled by the client");
        }
        releasePermit();
    }

    /** Calls the next endpoint; the caller holds the lock. */
    private void attempt() {
        Endpoint endpoint = EndpointSelector.pick(endpoints.get(), tried, affinity.prefixKey(),
                affinity.slack(), affinity.lastSentTo()).orElse(null);
        if (endpoint == null) {
            BackendFailure error = lastFailure != null ? GrpcFailures.fromInference(lastFailure, model, retryAfter)
                    : new BackendFailure(Kind.UNAVAILABLE, "No ready endpoint serves the model '" + Echo.cut(model)
                            + "'");
            end(() -> listener.onError(error, false));
            return;
        }
        tried.add(endpoint.address());
        affinity.sentTo(endpoint.address());
        Attempt attempt = new Attempt(endpoint);
        current = attempt;
        attempt.start();
    }

    /** Ends the generation once; the caller holds the lock. */
    private void end(Runnable notify) {
        if (ended) {
            return;
        }
        ended = true;
        releasePermit();
        if (!cancelled) {
            notify.run();
        }
    }

    private void releasePermit() {
        AdmissionQueue.Permit granted = permit;
        if (granted != null) {
            granted.release();
        }
    }

    /** The call to one endpoint, watched for silence. */
    private final class Attempt implements ClientResponseObserver<GenerateRequest, GenerateResponse> {
        private final Endpoint endpoint;
        private volatile ClientCallStreamObserver<GenerateRequest> call;
        private volatile boolean abandoned;
        private boolean finalSeen;
        private boolean anyMessage;
        private long lastMessageNanos;
        private volatile ScheduledFuture<?> watch;
        private final Span span;
        private boolean spanEnded;

        Attempt(Endpoint endpoint) {
            this.endpoint = endpoint;
            this.span = tracing.call(parent, endpoint.address(), model);
        }

        void start() {
            endpoint.callStarted();
            lastMessageNanos = System.nanoTime();
            watch = timer.schedule(this::checkSilence, timeouts.acceptMillis(), TimeUnit.MILLISECONDS);
            InferenceServiceGrpc.newStub(endpoint.channel())
                    .withInterceptors(tracing.propagating(parent.with(span)))
                    .withExecutor(Runnable::run)
                    .withDeadlineAfter(timeouts.deadlineMillis(), TimeUnit.MILLISECONDS)
                    .generate(request, this);
        }

        /** Ends the call's span once (a cancelled call also reports its cancellation later). */
        private void endSpan(StatusCode status, String description) {
            synchronized (span) {
                if (spanEnded) {
                    return;
                }
                spanEnded = true;
            }
            if (status != StatusCode.UNSET) {
                span.setStatus(status, description);
            }
            span.end();
        }

        /** Stops caring about this call and cancels it (its late callbacks are ignored). */
        void abandon(String why) {
            abandoned = true;
            endSpan(StatusCode.ERROR, why);
            ScheduledFuture<?> pending = watch;
            if (pending != null) {
                pending.cancel(false);
            }
            ClientCallStreamObserver<GenerateRequest> started = call;
            if (started != null) {
                started.cancel(why, null);
            }
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<GenerateRequest> requestStream) {
            call = requestStream;
            if (cancelled || abandoned) {
                requestStream.cancel("Cancelled by the client", null);
            }
        }

        @Override
        public void onNext(GenerateResponse response) {
            synchronized (RoutedGeneration.this) {
                if (abandoned || cancelled || ended) {
                    return;
                }
                anyMessage = true;
                lastMessageNanos = System.nanoTime();
                if (response.hasChunk()) {
                    firstChunkSeen = true;
                    listener.onChunk(response.getChunk().getText(), response.getChunk().getTokens());
                } else if (response.hasFinal()) {
                    finalSeen = true;
                    watch.cancel(false);
                    onFinal(response);
                } else if (response.hasProgress()) {
                    listener.onProgress(ProtoMapping.progress(response.getProgress()));
                }
                // any message kind added later only proves the endpoint is alive
            }
        }

        private void onFinal(GenerateResponse response) {
            if (response.getFinal().getFinishReason() == FinishReason.FINISH_REASON_ERROR) {
                String why = response.getFinal().getError().isBlank() ? "unknown error" : response.getFinal().getError();
                BackendFailure error = new BackendFailure(Kind.GENERATION_FAILED, "Generation failed: " + why);
                boolean after = firstChunkSeen;
                end(() -> listener.onError(error, after));
            } else {
                end(() -> listener.onFinal(ProtoMapping.result(response.getFinal())));
            }
        }

        @Override
        public void onError(Throwable failure) {
            endpoint.callEnded();
            endSpan(StatusCode.ERROR, Status.fromThrowable(failure).getCode().name());
            synchronized (RoutedGeneration.this) {
                watch.cancel(false);
                if (abandoned || cancelled || ended) {
                    return;
                }
                if (!firstChunkSeen && GrpcFailures.retriable(failure)) {
                    LOG.debugf("Endpoint %s failed before the first chunk (%s); trying another",
                            endpoint.address(), failure.getMessage());
                    if (Status.fromThrowable(failure).getCode() == Status.Code.UNAVAILABLE) {
                        registry.markUnreachable(endpoint);
                    }
                    lastFailure = failure;
                    attempt();
                    return;
                }
                boolean after = firstChunkSeen;
                end(() -> listener.onError(GrpcFailures.fromInference(failure, model, retryAfter), after));
            }
        }

        @Override
        public void onCompleted() {
            endpoint.callEnded();
            endSpan(StatusCode.UNSET, null);
            synchronized (RoutedGeneration.this) {
                watch.cancel(false);
                if (abandoned || finalSeen) {
                    return;
                }
                boolean after = firstChunkSeen;
                end(() -> listener.onError(new BackendFailure(Kind.INCOMPLETE,
                        "The inference stream ended without a final message"), after));
            }
        }

        /** The silence timer: re-armed for the rest of the window while messages come, else the stall is handled. */
        private void checkSilence() {
            synchronized (RoutedGeneration.this) {
                if (abandoned || cancelled || ended || finalSeen) {
                    return;
                }
                long limit = anyMessage ? timeouts.stallMillis() : timeouts.acceptMillis();
                long silent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastMessageNanos);
                if (silent < limit) {
                    watch = timer.schedule(this::checkSilence, limit - silent, TimeUnit.MILLISECONDS);
                    return;
                }
                stalled(limit);
            }
        }

        private void stalled(long limitMillis) {
            String seconds = formatSeconds(limitMillis);
            LOG.warnf("Inference endpoint %s (model '%s') sent nothing for %s s %s; call cancelled, endpoint out of"
                    + " routing until a probe succeeds", endpoint.address(), Echo.cut(model),
                    seconds, anyMessage ? "in the middle of a stream" : "after a Generate call");
            abandon("No message for " + seconds + " s");
            registry.markSuspect(endpoint);
            if (!firstChunkSeen) {
                lastFailure = new BackendFailure(Kind.STALLED, "An inference endpoint of the model '"
                        + Echo.cut(model) + "' sent nothing for " + seconds + " s and no other endpoint answered");
                attempt();
                return;
            }
            end(() -> listener.onError(new BackendFailure(Kind.STALLED, "The inference endpoint serving the model '"
                    + Echo.cut(model) + "' sent nothing for " + seconds + " s; the answer was cut off"), true));
        }
    }

    private static String formatSeconds(long millis) {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }
}
