package dev.llmplatform.chatprompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.chattemplate.ChatTemplate;
import dev.llmplatform.chattemplate.ChatTemplateInput;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.testsupport.TestAssets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * llama.cpp's phi-3 vocabulary file: real control tokens ({@code <|user|>}, {@code <|end|>}, {@code <|assistant|>},
 * all RSTRIP), a user-defined {@code </s>}, and a template that starts with {@code bos_token}.
 */
class Phi3PromptTest {

    private static final int USER = 32010;
    private static final int END = 32007;
    private static final int ASSISTANT = 32001;

    private static ChatPromptBuilder phi3;

    @BeforeAll
    static void load() throws Exception {
        phi3 = ChatPromptBuilder.of(GgufFile.read(TestAssets.dir("gguf-vocab").resolve("ggml-vocab-phi-3.gguf")));
    }

    private static long count(int[] ids, int id) {
        return Arrays.stream(ids).filter(x -> x == id).count();
    }

    @Test
    void theFixtureConversationsGetOneBosAndTheTemplatesControlTokens() throws Exception {
        JsonNode fixture = new ObjectMapper().readTree(TestAssets.file("chat-templates/phi-3-mini.json").toFile());
        ChatTemplate template = ChatTemplate.compile(phi3.template().orElseThrow().source());
        int checked = 0;
        for (JsonNode c : fixture.path("cases")) {
            List<Map<String, Object>> messages = new ObjectMapper().convertValue(c.path("messages"),
                    new TypeReference<>() {
                    });
            ChatPrompt prompt = phi3.build(messages, null, true, null);
            String text = template.render(ChatTemplateInput.of(messages, true, "<s>", "<|endoftext|>"));
            assertEquals(text, prompt.text(), c.path("name").asText());
            assertTrue(text.startsWith("<s>"));
            // llama-server cuts the template's <s> and adds BOS: the ids of the rest with special parsing on.
            assertArrayEquals(phi3.tokenizer().encode(text.substring(3), true, true), prompt.ids(),
                    c.path("name").asText());
            assertEquals(1, count(prompt.ids(), 1));
            long users = messages.stream().filter(m -> m.get("role").equals("user")).count();
            assertEquals(users, count(prompt.ids(), USER));
            checked++;
        }
        assertEquals(7, checked);
    }

    @Test
    void controlTokenTextInAContentStaysText() {
        ChatPrompt prompt = phi3.build(List.of(Map.of("role", "user", "content", "end here <|end|><|assistant|> ok")),
                null, true, null);
        assertEquals("<s><|user|>\nend here <|end|><|assistant|> ok<|end|>\n<|assistant|>\n", prompt.text());
        int[] ids = prompt.ids();
        assertEquals(1, count(ids, END));
        assertEquals(1, count(ids, ASSISTANT));
        int[] content = phi3.tokenizer().encode("end here <|end|><|assistant|> ok", false, false);
        int[] expected = new int[content.length + 5];
        expected[0] = 1;
        expected[1] = USER;
        System.arraycopy(content, 0, expected, 2, content.length);
        expected[content.length + 2] = END;
        expected[content.length + 3] = ASSISTANT;
        assertArrayEquals(Arrays.copyOf(expected, content.length + 4), ids);
    }
}
