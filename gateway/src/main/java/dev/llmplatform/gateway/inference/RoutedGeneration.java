package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.error.GrpcErrors;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One generation routed to the endpoints of a model: waits for admission, calls the least-loaded ready endpoint,
 * and when an endpoint fails before the first chunk (UNAVAILABLE, RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN) tries the
 * next one. After the first chunk a failure goes to the listener as an error. Every call carries a deadline.
 *
 * <p>The stream's callbacks run directly on the gRPC transport thread (no hop through grpc-java's default executor):
 * every listener only hands the chunk to Vert.x ({@code runOnContext}, {@code sendText}) and never blocks, and one
 * thread hop less is time to first token and per-token latency saved.
 */
final class RoutedGeneration implements GenerationHandle {

    private static final Logger LOG = Logger.getLogger(RoutedGeneration.class);

    private final String model;
    private final GenerateRequest request;
    private final Supplier<List<Endpoint>> endpoints;
    private final EndpointRegistry registry;
    private final long deadlineMillis;
    private final int retryAfter;
    private final GenerationListener listener;
    private final Set<String> tried = new HashSet<>();
    private volatile CompletableFuture<AdmissionQueue.Permit> admission;
    private volatile AdmissionQueue.Permit permit;
    private volatile ClientCallStreamObserver<GenerateRequest> call;
    private volatile boolean cancelled;
    private volatile boolean ended;
    private boolean firstChunkSeen;
    private Throwable lastFailure;

    RoutedGeneration(String model, GenerateRequest request, Supplier<List<Endpoint>> endpoints,
            EndpointRegistry registry, long deadlineMillis, int retryAfter, GenerationListener listener) {
        this.model = model;
        this.request = request;
        this.endpoints = endpoints;
        this.registry = registry;
        this.deadlineMillis = deadlineMillis;
        this.retryAfter = retryAfter;
        this.listener = listener;
    }

    /** Starts once the admission permit is granted. */
    void start(CompletableFuture<AdmissionQueue.Permit> ticket) {
        this.admission = ticket;
        ticket.whenComplete((granted, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                end(() -> listener.onError(GrpcErrors.fromInference(cause, model, retryAfter), false));
                return;
            }
            permit = granted;
            if (cancelled) {
                granted.release();
                return;
            }
            attempt();
        });
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        ClientCallStreamObserver<GenerateRequest> current = call;
        if (current != null) {
            current.cancel("Cancelled by the client", null);
        }
        releasePermit();
    }

    private void attempt() {
        Endpoint endpoint = EndpointSelector.pick(endpoints.get(), tried).orElse(null);
        if (endpoint == null) {
            ApiException error = lastFailure != null ? GrpcErrors.fromInference(lastFailure, model, retryAfter)
                    : ApiException.unavailable("No ready endpoint serves the model '" + model + "'");
            end(() -> listener.onError(error, false));
            return;
        }
        tried.add(endpoint.address());
        endpoint.callStarted();
        InferenceServiceGrpc.newStub(endpoint.channel())
                .withExecutor(Runnable::run)
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .generate(request, new Observer(endpoint));
    }

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

    /** Receives one endpoint's stream. */
    private final class Observer implements ClientResponseObserver<GenerateRequest, GenerateResponse> {
        private final Endpoint endpoint;
        private boolean finalSeen;

        Observer(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<GenerateRequest> requestStream) {
            call = requestStream;
            if (cancelled) {
                requestStream.cancel("Cancelled by the client", null);
            }
        }

        @Override
        public void onNext(GenerateResponse response) {
            if (cancelled || ended) {
                return;
            }
            if (response.hasChunk()) {
                firstChunkSeen = true;
                listener.onChunk(response.getChunk().getText(), response.getChunk().getTokens());
            } else if (response.hasFinal()) {
                finalSeen = true;
                if (response.getFinal().getFinishReason() == FinishReason.FINISH_REASON_ERROR) {
                    String why = response.getFinal().getError().isBlank() ? "unknown error" : response.getFinal().getError();
                    ApiException error = new ApiException(502, "server_error", "generation_failed", null,
                            "Generation failed: " + why, null);
                    boolean after = firstChunkSeen;
                    end(() -> listener.onError(error, after));
                } else {
                    end(() -> listener.onFinal(response.getFinal()));
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            endpoint.callEnded();
            if (cancelled || ended) {
                return;
            }
            if (!firstChunkSeen && GrpcErrors.retriable(failure)) {
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
            end(() -> listener.onError(GrpcErrors.fromInference(failure, model, retryAfter), after));
        }

        @Override
        public void onCompleted() {
            endpoint.callEnded();
            if (!finalSeen) {
                boolean after = firstChunkSeen;
                end(() -> listener.onError(new ApiException(502, "server_error", "incomplete_stream", null,
                        "The inference stream ended without a final message", null), after));
            }
        }
    }
}
