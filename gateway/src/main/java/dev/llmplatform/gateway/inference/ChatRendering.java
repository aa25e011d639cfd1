package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.RenderedChat;
import dev.llmplatform.gateway.grpc.GrpcFailures;
import dev.llmplatform.gateway.grpc.Reconnect;
import dev.llmplatform.gateway.http.Echo;
import dev.llmplatform.proto.inference.v1.MutinyInferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.RenderChatRequest;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * RenderChat on the least-loaded ready endpoint of a model, with a deadline; an endpoint that is unavailable is
 * skipped for the next one. Rendering takes no admission place: it generates nothing.
 */
final class ChatRendering {

    private final EndpointRegistry registry;
    private final long deadlineMillis;

    ChatRendering(EndpointRegistry registry, long deadlineMillis) {
        this.registry = registry;
        this.deadlineMillis = deadlineMillis;
    }

    Uni<RenderedChat> render(String model, Chat chat, boolean addGenerationPrompt) {
        List<Endpoint> endpoints = registry.endpointsFor(model);
        if (endpoints.isEmpty()) {
            return Uni.createFrom().failure(GrpcFailures.modelNotFound(model, registry.readyModels()));
        }
        try {
            GrpcInferenceBackend.requireReady(model, endpoints);
        } catch (RuntimeException notReady) {
            return Uni.createFrom().failure(notReady);
        }
        RenderChatRequest request = RenderChatRequest.newBuilder().setModel(model).setChat(ProtoMapping.chat(chat))
                .setAddGenerationPrompt(addGenerationPrompt).build();
        return attempt(model, request, new HashSet<>(), null);
    }

    private Uni<RenderedChat> attempt(String model, RenderChatRequest request, Set<String> tried, Throwable last) {
        Endpoint endpoint = EndpointSelector.pick(registry.endpointsFor(model), tried).orElse(null);
        if (endpoint == null) {
            return Uni.createFrom().failure(last != null ? GrpcFailures.fromInference(last, model, 1)
                    : new BackendFailure(BackendFailure.Kind.UNAVAILABLE, "No ready endpoint serves the model '"
                            + Echo.cut(model) + "'", 1));
        }
        tried.add(endpoint.address());
        return Reconnect.now(endpoint.channel())
                .chain(ready -> MutinyInferenceServiceGrpc.newMutinyStub(endpoint.channel())
                        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).renderChat(request))
                .map(r -> new RenderedChat(r.getPrompt(), r.getIdsCount(), r.getPlainCompletion()))
                .onFailure(GrpcFailures::retriable).recoverWithUni(failure -> attempt(model, request, tried, failure))
                .onFailure().transform(failure -> GrpcFailures.fromInference(failure, model, 1));
    }
}
