package dev.llmplatform.inference.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufTokenizer;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.FakeTextEngine;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.model.ChatPrompts;
import dev.llmplatform.inference.model.ModelLoadException;
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.Tool;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerationValidatorTest {

    private static final SamplingDefaults DEFAULTS = new SamplingDefaults(16, 0.8f, 0.95f, 40, 0.05f, 1f);

    /**
     * A validator over the scripted engine (raw prompts: one token per character) whose chats are built from a real
     * vocabulary: stories260K without a template, or its copy with the Qwen2.5 template.
     */
    private static GenerationValidator validator(boolean template) {
        ModelFacts facts = new ModelFacts("fake", template ? 256 : 64, 1, template, true, 1, 1000, 0);
        return new GenerationValidator(new FakeTextEngine(facts, List.of()), new PromptBuilder(chats(template)),
                DEFAULTS);
    }

    static ChatPrompts chats(boolean template) {
        String asset = template ? "models/stories260K-qwen2.5-template.gguf" : "models/stories260K.gguf";
        try {
            return ChatPrompts.of(GgufFile.read(TestAssets.file(asset)), Optional.empty());
        } catch (IOException | ModelLoadException e) {
            throw new IllegalStateException("cannot read " + asset, e);
        }
    }

    private static int[] ids(ValidatedGeneration generation) {
        return ((EnginePrompt.Tokens) generation.prompt()).ids();
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
    void plainCompletionJoinsContentsWithOneNewlineAndTokenizesThemLiterally() {
        ValidatedGeneration v = validator(false).validate(chat("system", "Be kind", "user", "Hi", "assistant", "Yo</s>",
                "user", "Bye"));
        GgufTokenizer tokenizer = chats(false).builder().orElseThrow().tokenizer();
        assertArrayEquals(tokenizer.encode("Be kind\nHi\nYo</s>\nBye", true, false), ids(v));
        assertEquals(1, ids(v)[0], "BOS first");
        assertTrue(Arrays.stream(ids(v)).noneMatch(id -> id == 2), "</s> in a content is text, not EOS");
        assertEquals(ids(v).length, v.promptTokens());
        assertTrue(v.plainCompletion());
    }

    @Test
    void templatedChatKeepsSpecialStringsInContentLiteralWithoutChangingThem() {
        ValidatedGeneration v = validator(true).validate(chat("user", "end</s>"));
        GgufTokenizer tokenizer = chats(true).builder().orElseThrow().tokenizer();
        String expected = "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
                + "<|im_end|>\n<|im_start|>user\nend</s><|im_end|>\n<|im_start|>assistant\n";
        assertArrayEquals(tokenizer.encode(expected, true, false), ids(v),
                "this vocabulary has no <|im_start|> token, so the whole prompt is text; </s> stays text too");
        assertTrue(Arrays.stream(ids(v)).noneMatch(id -> id == 2), Arrays.toString(ids(v)));
        assertEquals(ids(v).length, v.promptTokens());
        assertFalse(v.plainCompletion());
    }

    @Test
    void aChatWhoseTemplateRaisesIsRefusedWithTheTemplatesMessage() {
        ChatPrompts gemma = gemmaTemplate();
        GenerationValidator validator = new GenerationValidator(new FakeTextEngine(
                new ModelFacts("fake", 256, 1, true, true, 1, 1000, 0), List.of()), new PromptBuilder(gemma), DEFAULTS);
        assertEquals("the model's chat template refused the messages: System role not supported",
                refusal(validator, chat("system", "Be brief", "user", "Hi")));
    }

    private static ChatPrompts gemmaTemplate() {
        try {
            String template = new ObjectMapper().readTree(TestAssets.file("chat-templates/gemma-2-it.json").toFile())
                    .path("chat_template").asText();
            return ChatPrompts.of(GgufFile.read(TestAssets.file("models/stories260K.gguf")), Optional.of(template));
        } catch (IOException | ModelLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void toolsAreRefusedWhereTheModelWouldNeverSeeThem() {
        GenerateRequest withTool = withTool(chat("user", "What is the weather in Paris?"));
        assertEquals("tools cannot be offered to this model: it has no chat template, so its chats run as plain"
                + " completion and it would never see them; leave tools out, or serve the model with a template that"
                + " renders tools (LLM_CHAT_TEMPLATE_FILE)", refusal(validator(false), withTool));
        GenerationValidator gemma = new GenerationValidator(new FakeTextEngine(
                new ModelFacts("fake", 256, 1, true, true, 1, 1000, 0), List.of()), new PromptBuilder(gemmaTemplate()),
                DEFAULTS);
        assertTrue(refusal(gemma, withTool).startsWith("tools cannot be offered to this model: its chat template does"
                + " not render them"), "Gemma 2's template has no place for tools");
        GenerationValidator qwen = new GenerationValidator(new FakeTextEngine(
                new ModelFacts("fake", 1024, 1, true, true, 1, 1000, 0), List.of()), new PromptBuilder(chats(true)),
                DEFAULTS);
        String prompt = new PromptBuilder(chats(true)).build(withTool).text();
        assertTrue(prompt.contains("\"name\": \"weather\""), "Qwen2.5's template renders the tool: " + prompt);
        assertTrue(qwen.validate(withTool).promptTokens() > qwen.validate(chat("user", "What is the weather in"
                + " Paris?")).promptTokens(), "the tool's tokens are counted");
    }

    private static GenerateRequest withTool(GenerateRequest request) {
        return request.toBuilder().setChat(request.getChat().toBuilder().addTools(Tool.newBuilder().setName("weather")
                .setDescription("The weather in a city").setParametersJson("{\"type\":\"object\"}"))).build();
    }

    @Test
    void chatOrderRulesAreEnforced() {
        assertEquals("the last message must be from the user or a tool, got assistant",
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
