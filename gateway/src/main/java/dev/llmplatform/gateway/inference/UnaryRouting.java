package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.grpc.GrpcFailures;
import dev.llmplatform.gateway.grpc.Reconnect;
import dev.llmplatform.gateway.http.Echo;
import dev.llmplatform.proto.inference.v1.MutinyInferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.MutinyInferenceServiceGrpc.MutinyInferenceServiceStub;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A unary call on the least-loaded ready endpoint of a model, with a deadline; an endpoint that is unavailable or
 * full is skipped for the next one. Failures are {@link BackendFailure}s. Such calls take no admission place (the
 * endpoint's own scheduler bounds what they cost) but count as the endpoint's calls in flight while they run, so that
 * the next pick sees them.
 */
final class UnaryRouting {

    private final EndpointRegistry registry;

    UnaryRouting(EndpointRegistry registry) {
        this.registry = registry;
    }

    /** {@code call} on one endpoint of {@code model} after another until one answers or none is left. */
    <R> Uni<R> call(String model, long deadlineMillis, Function<MutinyInferenceServiceStub, Uni<R>> call) {
        List<Endpoint> endpoints = registry.endpointsFor(model);
        if (endpoints.isEmpty()) {
            return Uni.createFrom().failure(GrpcFailures.modelNotFound(model, registry.readyModels()));
        }
        try {
            GrpcInferenceBackend.requireReady(model, endpoints);
        } catch (RuntimeException notReady) {
            return Uni.createFrom().failure(notReady);
        }
        return attempt(model, deadlineMillis, call, new HashSet<>(), null);
    }

    private <R> Uni<R> attempt(String model, long deadlineMillis, Function<MutinyInferenceServiceStub, Uni<R>> call,
                               Set<String> tried, Throwable last) {
        Endpoint endpoint = EndpointSelector.pick(registry.endpointsFor(model), tried).orElse(null);
        if (endpoint == null) {
            return Uni.createFrom().failure(last != null ? GrpcFailures.fromInference(last, model, 1)
                    : new BackendFailure(BackendFailure.Kind.UNAVAILABLE, "No ready endpoint serves the model '"
                            + Echo.cut(model) + "'", 1));
        }
        tried.add(endpoint.address());
        return Reconnect.now(endpoint.channel())
                .chain(ready -> {
                    endpoint.callStarted();
                    return call.apply(MutinyInferenceServiceGrpc.newMutinyStub(endpoint.channel())
                            .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS))
                            .onTermination().invoke(endpoint::callEnded);
                })
                .onFailure(GrpcFailures::retriable)
                .recoverWithUni(failure -> attempt(model, deadlineMillis, call, tried, failure))
                .onFailure().transform(failure -> GrpcFailures.fromInference(failure, model, 1));
    }
}
