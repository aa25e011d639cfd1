package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.RenderedChat;
import dev.llmplatform.proto.inference.v1.RenderChatRequest;
import io.smallrye.mutiny.Uni;

/** RenderChat on a ready endpoint of a model ({@link UnaryRouting}): rendering generates nothing. */
final class ChatRendering {

    private final UnaryRouting routing;
    private final long deadlineMillis;

    ChatRendering(UnaryRouting routing, long deadlineMillis) {
        this.routing = routing;
        this.deadlineMillis = deadlineMillis;
    }

    Uni<RenderedChat> render(String model, Chat chat, boolean addGenerationPrompt) {
        RenderChatRequest request = RenderChatRequest.newBuilder().setModel(model).setChat(ProtoMapping.chat(chat))
                .setAddGenerationPrompt(addGenerationPrompt).build();
        return routing.call(model, deadlineMillis, stub -> stub.renderChat(request))
                .map(r -> new RenderedChat(r.getPrompt(), r.getIdsCount(), r.getPlainCompletion()));
    }
}
