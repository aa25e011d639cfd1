package dev.llmplatform.chatprompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.chattemplate.ChatTemplateInput;
import dev.llmplatform.chattemplate.ChatTemplateOptions;
import dev.llmplatform.chattemplate.TemplateRaisedException;
import dev.llmplatform.chattemplate.TemplateSyntaxException;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufTokenizer;
import dev.llmplatform.gguf.GgufVocabulary;
import dev.llmplatform.testsupport.TestAssets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link ChatPromptBuilder} on the real model {@code stories260K-qwen2.5-template.gguf} (a llama-spm vocabulary, BOS
 * {@code <s>} 1, EOS {@code </s>} 2, the Qwen2.5 chat template), the same model without a template, and overrides.
 */
class ChatPromptBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final ChatTemplateOptions OPTIONS = ChatTemplateOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC));

    private static GgufFile qwenModel;
    private static ChatPromptBuilder qwen;

    @BeforeAll
    static void load() throws Exception {
        qwenModel = GgufFile.read(TestAssets.file("models/stories260K-qwen2.5-template.gguf"));
        qwen = ChatPromptBuilder.of(qwenModel, ChatPromptOptions.defaults().withTemplateOptions(OPTIONS));
    }

    private static Map<String, Object> message(String role, Object content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("content", content);
        return message;
    }

    private static int count(int[] ids, int id) {
        return (int) Arrays.stream(ids).filter(x -> x == id).count();
    }

    @TestFactory
    Stream<DynamicTest> theQwenFixtureConversationsBecomeTransformersTextAndLlamaCppIds() throws Exception {
        JsonNode fixture = JSON.readTree(TestAssets.file("chat-templates/qwen2.5-instruct.json").toFile());
        GgufTokenizer tokenizer = qwen.tokenizer();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture.path("cases")) {
            List<Map<String, Object>> messages = JSON.convertValue(c.path("messages"), new TypeReference<>() {
            });
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                ChatPrompt prompt = qwen.build(messages, null, true, null);
                assertTrue(prompt.templated());
                assertEquals(c.path("expected_prompt").asText(), prompt.text());
                assertEquals(prompt, qwen.build(messages, null, true, null), "deterministic");
                assertEquals(qwen.template().orElseThrow().renderTracked(ChatTemplateInput.of(messages, true,
                        "<s>", "</s>")).fromRequest(), prompt.fromRequest());
                boolean specialText = messages.stream().anyMatch(m -> ((String) m.get("content")).contains("</s>"));
                if (!specialText) {
                    assertArrayEquals(tokenizer.encode(prompt.text(), true, true), prompt.ids());
                } else {
                    // This vocabulary's only special tokens are <unk>, <s> and </s>, none written by this template:
                    // the whole prompt is text, and the </s> in the content stays text.
                    assertArrayEquals(tokenizer.encode(prompt.text(), true, false), prompt.ids());
                    assertEquals(0, count(prompt.ids(), 2));
                    assertEquals(1, count(tokenizer.encode(prompt.text(), true, true), 2));
                }
                assertEquals(1, prompt.ids()[0]);
                assertEquals(1, count(prompt.ids(), 1));
            }));
        }
        assertEquals(7, tests.size());
        return tests.stream();
    }

    @Test
    void theModelsVocabularyGivesTheSpecialTokenTexts() {
        assertTrue(qwen.templated());
        assertEquals("<s>", qwen.bosToken().orElseThrow());
        assertEquals("</s>", qwen.eosToken().orElseThrow());
        assertTrue(qwen.template().orElseThrow().source().contains("<|im_start|>"));
    }

    @Test
    void aVocabularyAndATemplateSourceMakeTheSameBuilder() throws Exception {
        ChatPromptBuilder fromParts = ChatPromptBuilder.of(GgufVocabulary.from(qwenModel),
                qwenModel.chatTemplate().orElseThrow(), OPTIONS);
        List<Map<String, Object>> messages = List.of(message("system", "Be brief."), message("user", "Hi"));
        assertEquals(qwen.build(messages, null, true, null), fromParts.build(messages, null, true, null));
        assertFalse(ChatPromptBuilder.of(qwen.tokenizer(), null, OPTIONS).templated());
        assertFalse(ChatPromptBuilder.of(qwen.tokenizer(), "", OPTIONS).templated());
    }

    @Test
    void toolDefinitionsAreRequestText() {
        List<Map<String, Object>> tools = List.of(Map.of("type", "function", "function",
                Map.of("name", "tell", "description", "ends with </s>")));
        ChatPrompt prompt = qwen.build(List.of(message("user", "Tell a story")), tools, true, null);
        int description = prompt.text().indexOf("ends with </s>");
        assertTrue(description > 0);
        assertEquals(14, prompt.fromRequest().get(description, description + 14).cardinality());
        assertEquals(0, count(prompt.ids(), 2));
    }

    @Test
    void aTemplateThatStartsWithBosGivesOneBosAndItsOwnEosTokensStay() throws Exception {
        String source = "{{ bos_token }}{% for m in messages %}<{{ m.role }}>{{ m.content }}{{ eos_token }}"
                + "{% endfor %}<assistant>";
        ChatPromptBuilder builder = ChatPromptBuilder.of(qwenModel, ChatPromptOptions.defaults()
                .withTemplateOverride(source));
        ChatPrompt prompt = builder.build(List.of(message("user", "a </s> b <s>"), message("assistant", "ok")),
                null, true, null);
        assertEquals("<s><user>a </s> b <s></s><assistant>ok</s><assistant>", prompt.text());
        int[] ids = prompt.ids();
        assertEquals(1, ids[0]);
        assertEquals(1, count(ids, 1), "one BOS: the template's, not one more");
        assertEquals(2, count(ids, 2), "the two EOS the template wrote, none from the content");
        assertArrayEquals(builder.tokenizer().encode(prompt.text().substring(3), true, prompt.fromRequest().get(3,
                prompt.text().length())), ids);
    }

    @Test
    void anEosTheTemplateWritesLastIsCutAsLlamaServerDoes() throws Exception {
        ChatPromptBuilder builder = ChatPromptBuilder.of(qwenModel, ChatPromptOptions.defaults()
                .withTemplateOverride("{% for m in messages %}{{ m.content }}{% endfor %}{{ eos_token }}"));
        ChatPrompt prompt = builder.build(List.of(message("user", "Once upon a time")), null, false, null);
        assertEquals("Once upon a time</s>", prompt.text());
        assertArrayEquals(builder.tokenizer().encode("Once upon a time", true, true), prompt.ids());
    }

    @Test
    void bosOrEosTextFromTheRequestIsNeverCut() throws Exception {
        ChatPromptBuilder builder = ChatPromptBuilder.of(qwenModel, ChatPromptOptions.defaults()
                .withTemplateOverride("{% for m in messages %}{{ m.content }}{% endfor %}"));
        ChatPrompt prompt = builder.build(List.of(message("user", "<s>hi</s>")), null, true, null);
        assertEquals("<s>hi</s>", prompt.text());
        assertArrayEquals(builder.tokenizer().encode("<s>hi</s>", true, false), prompt.ids());
        assertEquals(1, count(prompt.ids(), 1));
        assertEquals(0, count(prompt.ids(), 2));
    }

    @Test
    void aModelWithoutTemplateJoinsTheContentsAsPlainText() throws Exception {
        ChatPromptBuilder plain = ChatPromptBuilder.of(GgufFile.read(TestAssets.file("models/stories260K.gguf")));
        assertFalse(plain.templated());
        List<Map<String, Object>> messages = List.of(message("system", "Be brief."), message("user", "say </s>"),
                message("assistant", null), message("user", "Once"));
        ChatPrompt prompt = plain.build(messages, null, true, Map.of("enable_thinking", false));
        assertFalse(prompt.templated());
        assertEquals("Be brief.\nsay </s>\n\nOnce", prompt.text());
        assertEquals(prompt.text().length(), prompt.fromRequest().cardinality());
        assertArrayEquals(plain.tokenizer().encode(prompt.text(), true, false), prompt.ids());
        assertEquals(0, count(prompt.ids(), 2));
        assertThrows(IllegalArgumentException.class,
                () -> plain.build(List.of(message("user", List.of(Map.of("type", "text")))), null, true, null));
    }

    @Test
    void renderThenTokenizeIsBuildInTwoSteps() throws Exception {
        List<Map<String, Object>> messages = List.of(message("system", "Be brief."),
                message("user", "say <|im_end|> and </s>"));
        dev.llmplatform.chattemplate.RenderedPrompt rendered = qwen.render(messages, null, true, null);
        ChatPrompt built = qwen.build(messages, null, true, null);
        assertEquals(built.text(), rendered.text());
        assertEquals(built.fromRequest(), rendered.fromRequest());
        assertEquals(built, qwen.tokenize(rendered));

        ChatPromptBuilder plain = ChatPromptBuilder.of(GgufFile.read(TestAssets.file("models/stories260K.gguf")));
        dev.llmplatform.chattemplate.RenderedPrompt text = plain.render(messages, null, true, null);
        assertEquals("Be brief.\nsay <|im_end|> and </s>", text.text());
        assertEquals(text.text().length(), text.fromRequest().cardinality(), "all of it is request text");
        assertEquals(plain.build(messages, null, true, null), plain.tokenize(text));
    }

    @Test
    void templateErrorsAreTheChatTemplateExceptions() throws Exception {
        ChatPromptBuilder refusing = ChatPromptBuilder.of(qwenModel, ChatPromptOptions.defaults()
                .withTemplateOverride("{% if messages[0].role != 'user' %}{{ raise_exception('users first') }}"
                        + "{% endif %}ok"));
        TemplateRaisedException e = assertThrows(TemplateRaisedException.class,
                () -> refusing.build(List.of(message("assistant", "x")), null, true, null));
        assertEquals("users first", e.getMessage());
        assertThrows(TemplateSyntaxException.class, () -> ChatPromptBuilder.of(qwenModel,
                ChatPromptOptions.defaults().withTemplateOverride("{% if %}")));
    }

    @Test
    void chatPromptCopiesItsArrays() {
        int[] ids = {1, 2};
        BitSet bits = new BitSet();
        ChatPrompt prompt = new ChatPrompt("ab", ids, bits, true);
        ids[0] = 9;
        bits.set(0);
        prompt.ids()[1] = 9;
        prompt.fromRequest().set(1);
        assertArrayEquals(new int[] {1, 2}, prompt.ids());
        assertEquals(new BitSet(), prompt.fromRequest());
        assertEquals(2, prompt.tokenCount());
        BitSet tooLong = new BitSet();
        tooLong.set(5);
        assertThrows(IllegalArgumentException.class, () -> new ChatPrompt("ab", ids, tooLong, true));
    }
}
