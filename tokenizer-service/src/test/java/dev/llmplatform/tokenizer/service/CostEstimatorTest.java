package dev.llmplatform.tokenizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.engine.ChatTemplate;
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
                new ChatTemplateRenderer().render(template("phi-3-mini"), CHAT));
    }

    @Test
    void rendersLlama31LikeTransformers() throws IOException {
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                new ChatTemplateRenderer().render(template("llama-3.1"), CHAT));
    }

    @Test
    void countsTemplateTokensAndPrices() {
        CostCatalogueConfig catalogue = () -> Map.of("llama", entry("llama-3.1", 64, 2.0, 10.0));
        CostEstimator estimator = new CostEstimator(catalogue, registry, new ChatTemplateRenderer());
        CostEstimate e = estimator.estimate(new CostCommand("llama", CHAT, 8));
        int raw = registry.get("llama-3.1").count("Be brief.", false)
                + registry.get("llama-3.1").count("  What is 2+2?  ", false);
        // BOS + 3 x (<|start_header_id|> role <|end_header_id|> "\n\n") + 2 x <|eot_id|> = 15 tokens, less what
        // the template's "| trim" removes from the user message.
        int trimmed = registry.get("llama-3.1").count("  What is 2+2?  ", false)
                - registry.get("llama-3.1").count("What is 2+2?", false);
        assertEquals(e.promptTokens() - raw, e.templateTokens());
        assertEquals(15 - trimmed, e.templateTokens());
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
