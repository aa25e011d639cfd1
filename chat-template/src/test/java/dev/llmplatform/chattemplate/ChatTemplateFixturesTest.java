package dev.llmplatform.chattemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance with transformers: every case of every template in the shared {@code chat-templates} assets must
 * render exactly the prompt transformers rendered (add_generation_prompt=True, tools=None, strftime_now fixed at
 * 2026-01-15T12:00:00), or fail with exactly the template's {@code raise_exception} message.
 */
class ChatTemplateFixturesTest {

    private static final List<String> REQUIRED = List.of("phi-3-mini.json", "qwen2.5-instruct.json",
            "llama-3.2-instruct.json", "gemma-2-it.json", "deepseek-r1-distill-qwen.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> everyFixtureCaseRendersAsTransformersDoes() throws IOException {
        Path dir = TestAssets.dir("chat-templates");
        List<String> missing = REQUIRED.stream().filter(name -> !Files.isRegularFile(dir.resolve(name))).toList();
        if (!missing.isEmpty()) {
            fail("chat-template fixtures missing from " + dir + ": " + missing);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicNode> containers = new ArrayList<>();
        for (Path file : files) {
            containers.add(fixture(file));
        }
        return containers.stream();
    }

    private static DynamicContainer fixture(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        String name = root.path("template_name").asText(file.getFileName().toString());
        JsonNode cases = root.path("cases");
        assertTrue(cases.isArray() && !cases.isEmpty(), file + " has no cases");
        ChatTemplate template = ChatTemplate.compile(root.path("chat_template").asText(), Templates.OPTIONS);
        String bos = root.path("special_tokens").path("bos_token").asText();
        String eos = root.path("special_tokens").path("eos_token").asText();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            List<Map<String, Object>> messages = JSON.convertValue(c.path("messages"), new TypeReference<>() {
            });
            ChatTemplateInput input = ChatTemplateInput.of(messages, true, bos, eos);
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                if (c.has("expected_prompt")) {
                    assertEquals(c.get("expected_prompt").asText(), template.render(input));
                } else {
                    assertFalse(c.path("expected_error").isMissingNode(), "case has neither prompt nor error");
                    TemplateRaisedException e = assertThrows(TemplateRaisedException.class,
                            () -> template.render(input));
                    assertEquals(c.get("expected_error").asText(), e.getMessage());
                }
            }));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }
}
