package dev.llmplatform.gateway.openai;

import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import java.util.List;

/**
 * A validated chat or completion request: every field checked, nothing else kept. Exactly one of {@code messages}
 * (chat) and {@code prompt} (legacy completion) is set.
 */
public record ChatRequest(String model, List<Message> messages, String prompt, SamplingParams params, boolean stream,
        boolean includeUsage) {

    /** One validated chat message; role is system, user or assistant. */
    public record Message(String role, String content) {
    }

    /** The gRPC request sent to inference. */
    public GenerateRequest toGenerateRequest(String requestId) {
        GenerateRequest.Builder builder = GenerateRequest.newBuilder().setModel(model).setParams(params)
                .setRequestId(requestId);
        if (prompt != null) {
            builder.setPrompt(prompt);
        } else {
            Chat.Builder chat = Chat.newBuilder();
            messages.forEach(m -> chat.addMessages(ChatMessage.newBuilder().setRole(m.role()).setContent(m.content())));
            builder.setChat(chat);
        }
        return builder.build();
    }
}
