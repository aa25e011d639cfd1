package dev.llmplatform.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every tokenizer in the test assets against the ids Python transformers produced (assets/conformance), with the
 * rule of shared/checks/tokenizer_conformance.py: the default request must match, or one that sets
 * add_special_tokens explicitly. Special-token strings are literal text (the service default).
 */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TokenizerRegistry registry;

    record Case(String tokenizer, String text, int[] expected) {
    }

    @BeforeAll
    static void open() {
        registry = TestEngines.registry(false);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void everyConformanceCaseMatches() throws IOException {
        Path dir = TestAssets.dir("conformance");
        Map<String, String> inputs = inputs(dir.resolve("inputs_3afc5a9.json"));
        List<Case> cases = new ArrayList<>();
        cases.addAll(entries("gpt2", dir.resolve("openai-community__gpt2.json"), inputs));
        cases.addAll(entries("qwen2.5", dir.resolve("Qwen__Qwen2.5-0.5B.json"), inputs));
        cases.addAll(entries("t5-small", dir.resolve("google-t5__t5-small.json"), inputs));
        cases.addAll(single("bert-base-uncased", dir.resolve("bert_uncased_encoded.json")));
        cases.addAll(single("falcon-7b", dir.resolve("falcon_encoded.json")));
        cases.addAll(single("llama-3.1", dir.resolve("llama_3.2_encoded.json")));
        cases.addAll(list("mistral-v1", dir.resolve("mistral_tokenizer_js_cases.json")));

        // 30 inputs for each of gpt2, qwen2.5 and t5-small; one text each for bert, falcon and llama; 12 mistral.
        int expectedCases = 30 * 3 + 3 + 12;
        int checked = 0;
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            checked++;
            TokenizerEngine engine = registry.get(c.tokenizer());
            int[] byDefault = engine.encode(c.text(), engine.addsSpecialTokensByDefault(), false).ids();
            boolean ok = Arrays.equals(byDefault, c.expected())
                    || Arrays.equals(engine.encode(c.text(), true, false).ids(), c.expected())
                    || Arrays.equals(engine.encode(c.text(), false, false).ids(), c.expected());
            if (!ok) {
                misses.add(c.tokenizer() + ": " + abbreviate(c.text()) + " expected " + Arrays.toString(c.expected())
                        + " got " + Arrays.toString(byDefault));
            }
        }
        System.out.println("conformance cases checked: " + checked + ", misses: " + misses.size());
        assertEquals(expectedCases, checked, "number of conformance cases in the asset files");
        assertTrue(misses.isEmpty(), String.join("\n", misses));
    }

    private static String abbreviate(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }

    private static Map<String, String> inputs(Path file) throws IOException {
        Map<String, String> texts = new HashMap<>();
        for (JsonNode input : JSON.readTree(file.toFile()).path("inputs")) {
            texts.put(input.path("id").asText(), input.path("text").asText());
        }
        return texts;
    }

    private static List<Case> entries(String name, Path file, Map<String, String> inputs) throws IOException {
        List<Case> cases = new ArrayList<>();
        JsonNode entries = JSON.readTree(file.toFile()).path("entries");
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String text = inputs.get(e.getKey());
            assertTrue(text != null, "no input text for id " + e.getKey() + " in " + file.getFileName());
            cases.add(new Case(name, text, ids(e.getValue().path("input_ids"))));
        }
        return cases;
    }

    private static List<Case> single(String name, Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        return List.of(new Case(name, root.path("text").asText(), ids(root.path("token_ids"))));
    }

    private static List<Case> list(String name, Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : JSON.readTree(file.toFile())) {
            cases.add(new Case(name, c.path("text").asText(), ids(c.path("token_ids"))));
        }
        return cases;
    }

    private static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asInt();
        }
        return ids;
    }
}
