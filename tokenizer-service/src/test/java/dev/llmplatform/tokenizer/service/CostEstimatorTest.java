package dev.llmplatform.tokenizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.engine.ChatTemplate;
import dev.llmplatform.tokenizer.error.TextTooLargeException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.hf.TokenizerConfigJson;
import dev.llmplatform.tokenizer.registry.TokenizerDirectoryScanner;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import dev.llmplatform.tokenizer.service.cost.ChatMessage;
import dev.llmplatform.tokenizer.service.cost.ChatTemplateRenderer;
import dev.llmplatform.tokenizer.service.cost.CostCatalogueConfig;
import dev.llmplatform.tokenizer.service.cost.CostCommand;
import dev.llmplatform.tokenizer.service.cost.CostEstimate;
import dev.llmplatform.tokenizer.service.cost.CostEstimator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chat templates of the real phi-3-mini and llama-3.1 tokenizer_config.json files, rendered and counted. */
class CostEstimatorTest {

    private static final List<ChatMessage> CHAT = List.of(new ChatMessage("system", "Be brief."),
            new ChatMessage("user", "  What is 2+2?  "));
    private static final long MAX_BYTES = 10L << 20;
    private static TokenizerRegistry registry;

    @BeforeAll
    static void open() {
        registry = new TokenizerRegistry(TokenizerDirectoryScanner.scan(TestAssets.dir("tokenizers"),
                Optional.empty()), Optional.empty());
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    private static ChatTemplate template(String tokenizer) throws IOException {
        return TokenizerConfigJson.read(TestAssets.dir("tokenizers").resolve(tokenizer)
                .resolve("tokenizer_config.json")).chatTemplate().orElseThrow();
    }

    @Test
    void rendersPhi3LikeTransformers() throws IOException {
        assertEquals("<|system|>\nBe brief.<|end|>\n<|user|>\n  What is 2+2?  <|end|>\n<|assistant|>\n",
                new ChatTemplateRenderer(MAX_BYTES).render(template("phi-3-mini"), CHAT));
    }

    @Test
    void rendersLlama31LikeTransformers() throws IOException {
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                new ChatTemplateRenderer(MAX_BYTES).render(template("llama-3.1"), CHAT));
    }

    @Test
    void countsTemplateTokensAndPrices() {
        CostCatalogueConfig catalogue = () -> Map.of("llama", entry("llama-3.1", 64, 2.0, 10.0));
        CostEstimator estimator = new CostEstimator(catalogue, registry, new ChatTemplateRenderer(MAX_BYTES));
        CostEstimate e = estimator.estimate(new CostCommand("llama", CHAT, 8));
        // The template's own tokens: the chat rendered with empty contents, BOS + 3 x (<|start_header_id|> role
        // <|end_header_id|> "\n\n") + 2 x <|eot_id|> = 15 tokens.
        assertEquals(15, e.templateTokens());
        // The prompt: those 15 and the contents as the template prints them ("| trim" drops the spaces).
        assertEquals(15 + registry.get("llama-3.1").count("Be brief.", false)
                + registry.get("llama-3.1").count("What is 2+2?", false), e.promptTokens());
        assertEquals(64 - e.promptTokens(), e.tokensLeft());
        assertTrue(e.fits());
        assertEquals(e.promptTokens() * 2.0 / 1e6, e.inputCostUsd(), 1e-15);
        assertEquals(8 * 10.0 / 1e6, e.outputCostUsd(), 1e-15);
        assertEquals("tokenizer_config.json", e.templateSource());

        CostEstimate tight = estimator.estimate(new CostCommand("llama", CHAT, 64));
        assertFalse(tight.fits());
        CostEstimate rest = estimator.estimate(new CostCommand("llama", CHAT, 0));
        assertEquals(rest.tokensLeft() * 10.0 / 1e6, rest.outputCostUsd(), 1e-15);
        UnknownTokenizerException unknown = assertThrows(UnknownTokenizerException.class,
                () -> estimator.estimate(new CostCommand("gpt-9", CHAT, 0)));
        assertEquals("unknown model 'gpt-9'; known: llama", unknown.getMessage());
    }

    @Test
    void templateSyntaxInContentsIsLiteralText() throws IOException {
        List<String> attacks = List.of("{{ 7*7 }}", "{% for i in range(99999) %}x{% endfor %}", "{{ '{{' }}",
                "{# comment #}{% set x = 1 %}{{ messages }}");
        for (String tokenizer : List.of("phi-3-mini", "llama-3.1")) {
            for (String attack : attacks) {
                String prompt = new ChatTemplateRenderer(MAX_BYTES).render(template(tokenizer),
                        List.of(new ChatMessage("user", attack)));
                assertTrue(prompt.contains(attack), tokenizer + ": " + prompt);
                assertFalse(prompt.contains("49"), prompt);
            }
        }
        CostCatalogueConfig catalogue = () -> Map.of("phi", entry("phi-3-mini", 131072, 1.0, 1.0));
        CostEstimator estimator = new CostEstimator(catalogue, registry, new ChatTemplateRenderer(MAX_BYTES));
        CostEstimate loop = estimator.estimate(new CostCommand("phi",
                List.of(new ChatMessage("user", attacks.get(1))), 1));
        int content = registry.get("phi-3-mini").count(attacks.get(1), false);
        assertTrue(loop.promptTokens() > content && loop.promptTokens() < content + 20,
                "the loop is counted as the text it is: " + loop.promptTokens() + " vs " + content);
        assertTrue(loop.templateTokens() > 0 && loop.templateTokens() < 20, "template tokens " + loop.templateTokens());
    }

    @Test
    void templateTokensAreNeverNegative() {
        // The template trims contents: with the old definition (prompt minus the raw contents' counts) whitespace
        // that the template drops made the template's share negative.
        String padded = " \t".repeat(200) + "hi" + " \t".repeat(200);
        CostCatalogueConfig catalogue = () -> Map.of("llama", entry("llama-3.1", 131072, 1.0, 1.0));
        CostEstimate e = new CostEstimator(catalogue, registry, new ChatTemplateRenderer(MAX_BYTES))
                .estimate(new CostCommand("llama", List.of(new ChatMessage("user", padded)), 1));
        int raw = registry.get("llama-3.1").count(padded, false);
        assertTrue(e.promptTokens() - raw < 0, "the old definition would be negative: " + (e.promptTokens() - raw));
        // BOS + <|start_header_id|> user <|end_header_id|> "\n\n" <|eot_id|> + the assistant header (4) = 10.
        assertEquals(10, e.templateTokens());
        assertEquals(11, e.promptTokens(), "the template keeps \"hi\" only");
    }

    @Test
    void theRenderedPromptIsBoundedLikeAnyText() throws IOException {
        ChatTemplateRenderer small = new ChatTemplateRenderer(1000);
        List<ChatMessage> chat = List.of(new ChatMessage("user", "y".repeat(990)));
        TextTooLargeException cut = assertThrows(TextTooLargeException.class,
                () -> small.render(template("phi-3-mini"), chat));
        assertEquals("the rendered prompt grew past the maximum of 1000 UTF-8 bytes (building it stopped there)",
                cut.getMessage());
        // 490 characters, 980 bytes of content: the limit is in bytes.
        List<ChatMessage> wide = List.of(new ChatMessage("user", "\u00e9".repeat(490)));
        assertEquals(cut.getMessage(), assertThrows(TextTooLargeException.class,
                () -> small.render(template("phi-3-mini"), wide)).getMessage());
        String fits = small.render(template("phi-3-mini"), List.of(new ChatMessage("user", "\u00e9".repeat(450))));
        assertTrue(fits.length() < 1000 && fits.contains("\u00e9".repeat(450)), fits);
    }

    private static CostCatalogueConfig.ModelEntry entry(String tokenizer, int context, double in, double out) {
        return new CostCatalogueConfig.ModelEntry() {
            @Override
            public String tokenizer() {
                return tokenizer;
            }

            @Override
            public int contextLength() {
                return context;
            }

            @Override
            public double inputUsdPerMillion() {
                return in;
            }

            @Override
            public double outputUsdPerMillion() {
                return out;
            }
        };
    }
}
