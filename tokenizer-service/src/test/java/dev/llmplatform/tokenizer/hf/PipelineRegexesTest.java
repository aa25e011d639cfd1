package dev.llmplatform.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import dev.llmplatform.tokenizer.registry.TokenizerSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every regular expression a tokenizer.json makes Oniguruma run is vetted when the file loads: the asset
 * tokenizers load with their known whitespace-run limits, and a file with any other expression (a backtracking
 * Split such as {@code (a|aa)+$}, a Replace regex in the normalizer or decoder) is refused, naming the tokenizer
 * and the expression, never the path. {@code NativeAbortTest} shows that the library really aborts on such an
 * expression.
 */
class PipelineRegexesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode gpt2() throws IOException {
        return (ObjectNode) JSON.readTree(TestAssets.dir("tokenizers").resolve("gpt2/tokenizer.json").toFile());
    }

    private static int maxRun(JsonNode root) throws IOException {
        return TokenizerJson.parse(JSON.writeValueAsBytes(root)).maxWhitespaceRun();
    }

    @Test
    void theAssetTokenizersLoadWithTheirRunLimits() throws IOException {
        Map<String, Integer> expected = Map.of("llama-3.1", WhitespaceRunGuard.MAX_RUN,
                "qwen2.5", WhitespaceRunGuard.MAX_RUN, "gpt2", Integer.MAX_VALUE, "falcon-7b", Integer.MAX_VALUE,
                "bert-base-uncased", Integer.MAX_VALUE, "t5-small", Integer.MAX_VALUE,
                "mistral-v1", Integer.MAX_VALUE, "phi-3-mini", Integer.MAX_VALUE);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            byte[] file = Files.readAllBytes(TestAssets.dir("tokenizers").resolve(e.getKey())
                    .resolve("tokenizer.json"));
            assertEquals(e.getValue(), TokenizerJson.parse(file).maxWhitespaceRun(), e.getKey());
        }
    }

    @Test
    void aBacktrackingSplitExpressionIsRefusedAtLoad() throws IOException {
        ObjectNode evil = gpt2();
        evil.set("pre_tokenizer", JSON.readTree("{\"type\":\"Split\",\"pattern\":{\"Regex\":\"(a|aa)+$\"},"
                + "\"behavior\":\"Isolated\",\"invert\":false}"));
        Path folder = Files.createDirectories(dir.resolve("evil"));
        Files.write(folder.resolve("tokenizer.json"), JSON.writeValueAsBytes(evil));
        RefusedTokenizerException refused = assertThrows(RefusedTokenizerException.class,
                () -> HuggingFaceEngine.load("evil", folder));
        assertEquals("its pre_tokenizer (Split) uses the regular expression '(a|aa)+$', which is not among the "
                + "expressions vetted against the regex engine's backtracking limit", refused.reason());
        try (TokenizerRegistry registry = new TokenizerRegistry(
                List.of(new TokenizerSource("evil", () -> HuggingFaceEngine.load("evil", folder))), Optional.empty())) {
            TokenizerUnavailableException unavailable = assertThrows(TokenizerUnavailableException.class,
                    () -> registry.get("evil"));
            assertEquals("tokenizer 'evil' is unavailable: " + refused.reason(), unavailable.getMessage());
            assertEquals(-1, unavailable.getMessage().indexOf(dir.toString()), "no path in the message");
            assertEquals(List.of(), registry.describeAll(), "left out of the list");
        }
    }

    @Test
    void everyPlaceARegexCanHideIsVetted() throws IOException {
        ObjectNode normalizer = gpt2();
        normalizer.set("normalizer", JSON.readTree("{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFC\"},"
                + "{\"type\":\"Replace\",\"pattern\":{\"Regex\":\" {2,}\"},\"content\":\" \"}]}"));
        assertEquals("its normalizer (Replace) uses the regular expression ' {2,}', which is not among the "
                + "expressions vetted against the regex engine's backtracking limit",
                assertThrows(RefusedTokenizerException.class, () -> maxRun(normalizer)).reason());
        ObjectNode decoder = gpt2();
        decoder.set("decoder", JSON.readTree("{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"(x+x+)+y\"},"
                + "\"content\":\"\"}"));
        assertThrows(RefusedTokenizerException.class, () -> maxRun(decoder));
        ObjectNode nested = gpt2();
        nested.set("pre_tokenizer", JSON.readTree("{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":"
                + "\"WhitespaceSplit\"},{\"type\":\"Split\",\"pattern\":{\"Regex\":\"\\\\s+$\"},"
                + "\"behavior\":\"Removed\",\"invert\":false}]}"));
        assertThrows(RefusedTokenizerException.class, () -> maxRun(nested));
        String long64 = "x".repeat(100);
        ObjectNode longPattern = gpt2();
        longPattern.set("pre_tokenizer", JSON.readTree("{\"type\":\"Split\",\"pattern\":{\"Regex\":\"" + long64
                + "\"},\"behavior\":\"Isolated\",\"invert\":false}"));
        assertEquals("its pre_tokenizer (Split) uses the regular expression '" + "x".repeat(64) + "\u2026', which is "
                + "not among the expressions vetted against the regex engine's backtracking limit",
                assertThrows(RefusedTokenizerException.class, () -> maxRun(longPattern)).reason());
    }

    @Test
    void literalPatternsAndVettedExpressionsAreAccepted() throws IOException {
        ObjectNode literal = gpt2();
        literal.set("normalizer", JSON.readTree(
                "{\"type\":\"Replace\",\"pattern\":{\"String\":\"  \"},\"content\":\" \"}"));
        literal.set("pre_tokenizer", JSON.readTree("{\"type\":\"Sequence\",\"pretokenizers\":["
                + "{\"type\":\"Split\",\"pattern\":{\"String\":\"\\n\"},\"behavior\":\"Isolated\",\"invert\":false},"
                + "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"use_regex\":false}]}"));
        assertEquals(Integer.MAX_VALUE, maxRun(literal));
        ObjectNode llamaStyle = gpt2();
        llamaStyle.set("pre_tokenizer", JSON.readTree("{\"type\":\"Sequence\",\"pretokenizers\":["
                + "{\"type\":\"Split\",\"pattern\":{\"Regex\":" + JSON.writeValueAsString(VettedRegex.LLAMA3.pattern())
                + "},\"behavior\":\"Isolated\",\"invert\":false},{\"type\":\"Split\",\"pattern\":{\"Regex\":"
                + JSON.writeValueAsString(VettedRegex.DIGITS_UP_TO_THREE.pattern()) + "},\"behavior\":\"Isolated\","
                + "\"invert\":false},{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"use_regex\":true}]}"));
        assertEquals(WhitespaceRunGuard.MAX_RUN, maxRun(llamaStyle));
    }
}
