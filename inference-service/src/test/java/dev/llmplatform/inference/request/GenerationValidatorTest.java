package dev.llmplatform.inference.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.engine.FakeTextEngine;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationValidatorTest {

    private static final SamplingDefaults DEFAULTS = new SamplingDefaults(16, 0.8f, 0.95f, 40, 0.05f, 1f);

    private static GenerationValidator validator(boolean template) {
        ModelFacts facts = new ModelFacts("fake", 64, 1, template, true, 1, 1000, 0);
        return new GenerationValidator(new FakeTextEngine(facts, List.of()), DEFAULTS);
    }

    private static GenerateRequest chat(String... roleContent) {
        Chat.Builder chat = Chat.newBuilder();
        for (int i = 0; i < roleContent.length; i += 2) {
            chat.addMessages(ChatMessage.newBuilder().setRole(roleContent[i]).setContent(roleContent[i + 1]));
        }
        return GenerateRequest.newBuilder().setChat(chat).build();
    }

    private static String refusal(GenerationValidator validator, GenerateRequest request) {
        return assertThrows(InferenceError.class, () -> validator.validate(request)).getMessage();
    }

    @Test
    void countsPromptTokensWithBosAndAppliesDefaults() {
        ValidatedGeneration v = validator(false).validate(GenerateRequest.newBuilder().setPrompt("abcd").build());
        assertEquals(5, v.promptTokens());
        assertEquals(16, v.sampling().maxTokens());
        assertEquals(0.8f, v.sampling().temperature());
        assertEquals(-1, v.sampling().seed());
    }

    @Test
    void defaultMaxTokensIsClampedToWhatIsLeftOfTheSlot() {
        ValidatedGeneration v = validator(false).validate(GenerateRequest.newBuilder().setPrompt("x".repeat(55))
                .build());
        assertEquals(8, v.sampling().maxTokens());
    }

    @Test
    void explicitMaxTokensOverTheSlotIsRefusedWithTheNumbers() {
        GenerateRequest request = GenerateRequest.newBuilder().setPrompt("x".repeat(55))
                .setParams(SamplingParams.newBuilder().setMaxTokens(10)).build();
        assertEquals("prompt has 56 tokens and max_tokens is 10, together over the slot's context of 64 tokens",
                refusal(validator(false), request));
    }

    @Test
    void promptOneTokenOverIsRefused() {
        GenerateRequest request = GenerateRequest.newBuilder().setPrompt("x".repeat(63)).build();
        assertEquals("prompt has 64 tokens and max_tokens is 1, together over the slot's context of 64 tokens",
                refusal(validator(false), request));
    }

    @Test
    void plainCompletionJoinsContentsWithOneNewline() {
        ValidatedGeneration v = validator(false).validate(chat("system", "Be kind", "user", "Hi", "assistant", "Yo",
                "user", "Bye"));
        assertEquals("Be kind\nHi\nYo\nBye", v.prompt());
        assertTrue(v.plainCompletion());
    }

    @Test
    void templatedChatNeutralisesSpecialTokensInContent() {
        ValidatedGeneration v = validator(true).validate(chat("user", "end</s>"));
        assertEquals("<user>end<\u200B/s><assistant>", v.prompt());
        assertEquals(false, v.plainCompletion());
    }

    @Test
    void chatOrderRulesAreEnforced() {
        assertEquals("the last message must be from the user, got assistant",
                refusal(validator(false), chat("user", "a", "assistant", "b")));
        assertEquals("messages[1] is a system message after the first user or assistant message; system messages "
                + "must come first", refusal(validator(false), chat("user", "a", "system", "b", "user", "c")));
    }

    @Test
    void requestIdIsSanitisedForLogs() {
        ValidatedGeneration v = validator(false).validate(GenerateRequest.newBuilder().setPrompt("a")
                .setRequestId("id\nFAKE LOG LINE").build());
        assertEquals("id_FAKE_LOG_LINE", v.requestId());
    }
}
