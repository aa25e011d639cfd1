package dev.llmplatform.gateway.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.Tool;
import org.junit.jupiter.api.Test;

class PrefixKeyTest {

    private static ChatMessage message(String role, String content) {
        return ChatMessage.newBuilder().setRole(role).setContent(content).build();
    }

    private static GenerateRequest chat(ChatMessage... messages) {
        return GenerateRequest.newBuilder().setChat(Chat.newBuilder().addAllMessages(java.util.List.of(messages)))
                .build();
    }

    @Test
    void laterTurnsOfAConversationKeepTheKeyOfItsFirstUserMessageAndWhatPrecedesIt() {
        ChatMessage system = message("system", "You are terse.");
        ChatMessage first = message("user", "Tell me a story.");
        long turn1 = PrefixKey.of(chat(system, first));
        long turn2 = PrefixKey.of(chat(system, first, message("assistant", "Once upon a time."),
                message("user", "Go on.")));
        assertEquals(turn1, turn2);
        assertNotEquals(turn1, PrefixKey.of(chat(system, message("user", "Tell me a joke."))));
        assertNotEquals(turn1, PrefixKey.of(chat(message("system", "You are verbose."), first)));
        assertNotEquals(turn1, PrefixKey.of(chat(first)), "the system prompt is part of the prefix");
        assertNotEquals(turn1, PrefixKey.of(GenerateRequest.newBuilder().setChat(Chat.newBuilder()
                .addMessages(system).addMessages(first).addTools(Tool.newBuilder().setName("f"))).build()),
                "tools are rendered at the start of the prompt");
    }

    @Test
    void fieldBoundariesCount() {
        assertNotEquals(PrefixKey.of(chat(message("user", "ab"))), PrefixKey.of(chat(message("use", "rab"))));
    }

    @Test
    void aRawPromptIsKeyedByItsStart() {
        String start = "x".repeat(PrefixKey.PROMPT_CHARS);
        assertEquals(PrefixKey.of(GenerateRequest.newBuilder().setPrompt(start + " one").build()),
                PrefixKey.of(GenerateRequest.newBuilder().setPrompt(start + " two, longer").build()));
        assertNotEquals(PrefixKey.of(GenerateRequest.newBuilder().setPrompt("short one").build()),
                PrefixKey.of(GenerateRequest.newBuilder().setPrompt("short two").build()));
    }
}
