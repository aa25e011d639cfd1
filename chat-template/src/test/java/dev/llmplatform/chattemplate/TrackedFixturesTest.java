package dev.llmplatform.chattemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link ChatTemplate#renderTracked} on every case of the shared transformers fixtures: the text is the plain render
 * (and transformers' prompt), and the request-owned runs are exactly the message contents and roles where each
 * template copies them, in order; everything else (the template's literals, its special tokens, bos/eos, the date it
 * computes) is template-owned.
 */
class TrackedFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per template: the request texts it copies into the prompt, in order, for a conversation it accepts. */
    private static final Map<String, Function<List<Map<String, Object>>, List<String>>> COPIED = Map.of(
            "qwen2.5-instruct.json", TrackedFixturesTest::qwen,
            "llama-3.2-instruct.json", TrackedFixturesTest::llama,
            "gemma-2-it.json", TrackedFixturesTest::gemma,
            "phi-3-mini.json", TrackedFixturesTest::phi,
            "deepseek-r1-distill-qwen.json", TrackedFixturesTest::deepseek);

    @TestFactory
    Stream<DynamicNode> requestOwnedTextIsWhatEachTemplateCopiesFromTheMessages() throws IOException {
        List<DynamicNode> containers = new ArrayList<>();
        for (Map.Entry<String, Function<List<Map<String, Object>>, List<String>>> e : COPIED.entrySet()) {
            containers.add(fixture(e.getKey(), e.getValue()));
        }
        return containers.stream();
    }

    private static DynamicContainer fixture(String file, Function<List<Map<String, Object>>, List<String>> copied)
            throws IOException {
        JsonNode root = JSON.readTree(TestAssets.file("chat-templates/" + file).toFile());
        ChatTemplate template = ChatTemplate.compile(root.path("chat_template").asText(), Templates.OPTIONS);
        String bos = root.path("special_tokens").path("bos_token").asText();
        String eos = root.path("special_tokens").path("eos_token").asText();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.path("cases")) {
            List<Map<String, Object>> messages = JSON.convertValue(c.path("messages"), new TypeReference<>() {
            });
            ChatTemplateInput input = ChatTemplateInput.of(messages, true, bos, eos);
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                if (!c.has("expected_prompt")) {
                    TemplateRaisedException e = assertThrows(TemplateRaisedException.class,
                            () -> template.renderTracked(input));
                    assertEquals(c.get("expected_error").asText(), e.getMessage());
                    return;
                }
                RenderedPrompt tracked = template.renderTracked(input);
                assertEquals(c.get("expected_prompt").asText(), tracked.text());
                assertEquals(template.render(input), tracked.text());
                assertEquals(copied.apply(messages), tracked.requestTexts());
                for (Map<String, Object> message : messages) {
                    String content = (String) message.get("content");
                    if (content.contains("<|im_end|>") || content.contains("<|eot_id|>")) {
                        int at = tracked.text().indexOf(content.strip());
                        assertTrue(at >= 0, "content copied");
                        assertEquals(content.strip().length(), tracked.fromRequest()
                                .get(at, at + content.strip().length()).cardinality(), "content fully request-owned");
                    }
                }
            }));
        }
        return DynamicContainer.dynamicContainer(file, tests);
    }

    /** Private-use characters no template writes: wherever they appear in a prompt, they came from the request. */
    private static final String SENTINEL = "\uE000req\uE001";

    @TestFactory
    Stream<DynamicTest> everyCopyOfRequestTextIsMarked() {
        String content = " " + SENTINEL + " <|im_end|><|eot_id|><end_of_turn><|end|> " + SENTINEL + "</think>"
                + SENTINEL + "\n";
        List<Map<String, Object>> messages = List.of(Templates.map("role", "user", "content", content),
                Templates.map("role", "assistant", "content", content), Templates.map("role", "user", "content",
                        content));
        List<Map<String, Object>> tools = List.of(Templates.map("type", "function", "function", Templates.map(
                "name", "f" + SENTINEL, "description", SENTINEL + "<|im_end|>", "parameters", Templates.map())));
        return COPIED.keySet().stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            JsonNode root = JSON.readTree(TestAssets.file("chat-templates/" + file).toFile());
            ChatTemplate template = ChatTemplate.compile(root.path("chat_template").asText(), Templates.OPTIONS);
            for (List<Map<String, Object>> withTools : java.util.Arrays.asList(null, tools)) {
                ChatTemplateInput input = ChatTemplateInput.of(messages, true, "<s>", "</s>").withTools(withTools);
                RenderedPrompt tracked = template.renderTracked(input);
                assertEquals(template.render(input), tracked.text());
                int copies = 0;
                for (int at = tracked.text().indexOf(SENTINEL); at >= 0; at = tracked.text().indexOf(SENTINEL, at + 1)) {
                    assertEquals(SENTINEL.length(), tracked.fromRequest().get(at, at + SENTINEL.length())
                            .cardinality(), "request text at " + at + " unmarked in " + tracked.text());
                    copies++;
                }
                assertTrue(copies >= 4, copies + " copies");
            }
        }));
    }

    @Test
    void deepSeekKeepsOnlyTheAnswerAfterTheLastThinkAsRequestText() throws IOException {
        JsonNode root = JSON.readTree(TestAssets.file("chat-templates/deepseek-r1-distill-qwen.json").toFile());
        ChatTemplate template = ChatTemplate.compile(root.path("chat_template").asText(), Templates.OPTIONS);
        List<Map<String, Object>> messages = List.of(Templates.map("role", "user", "content", "2+2?"),
                Templates.map("role", "assistant", "content", "<think>\nadd</think>\n\nIt is 4<｜end▁of▁sentence｜>"),
                Templates.map("role", "user", "content", "And 3+3?"));
        ChatTemplateInput input = ChatTemplateInput.of(messages, true, "<｜begin▁of▁sentence｜>",
                "<｜end▁of▁sentence｜>");
        RenderedPrompt tracked = template.renderTracked(input);
        assertEquals(template.render(input), tracked.text());
        assertEquals("<｜begin▁of▁sentence｜><｜User｜>«2+2?»<｜Assistant｜>«\n\nIt is 4<｜end▁of▁sentence｜>»"
                + "<｜end▁of▁sentence｜><｜User｜>«And 3+3?»<｜Assistant｜><think>\n", TrackedRenderTest.bracket(tracked));
    }

    private static String content(Map<String, Object> message) {
        return (String) message.get("content");
    }

    private static String role(Map<String, Object> message) {
        return (String) message.get("role");
    }

    private static List<String> qwen(List<Map<String, Object>> messages) {
        List<String> copied = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (i == 0 && role(messages.get(0)).equals("system")) {
                copied.add(content(messages.get(0)));
            } else {
                copied.add(role(messages.get(i)));
                copied.add(content(messages.get(i)));
            }
        }
        return copied;
    }

    private static List<String> llama(List<Map<String, Object>> messages) {
        List<String> copied = new ArrayList<>();
        int first = 0;
        if (role(messages.get(0)).equals("system")) {
            copied.add(content(messages.get(0)).strip());
            first = 1;
        }
        for (Map<String, Object> message : messages.subList(first, messages.size())) {
            copied.add(role(message));
            copied.add(content(message).strip());
        }
        return copied;
    }

    private static List<String> gemma(List<Map<String, Object>> messages) {
        List<String> copied = new ArrayList<>();
        for (Map<String, Object> message : messages) {
            if (role(message).equals("user")) {
                copied.add(role(message)); // an assistant turn gets the template's own 'model'
            }
            copied.add(content(message).strip());
        }
        return copied;
    }

    private static List<String> phi(List<Map<String, Object>> messages) {
        return messages.stream().map(TrackedFixturesTest::content).toList();
    }

    private static List<String> deepseek(List<Map<String, Object>> messages) {
        List<String> copied = new ArrayList<>();
        messages.stream().filter(m -> role(m).equals("system")).reduce((a, b) -> b)
                .ifPresent(system -> copied.add(content(system)));
        for (Map<String, Object> message : messages) {
            String content = content(message);
            if (role(message).equals("user")) {
                copied.add(content);
            } else if (role(message).equals("assistant")) {
                String[] parts = content.split("</think>", -1);
                copied.add(parts[parts.length - 1]);
            }
        }
        return copied;
    }
}
