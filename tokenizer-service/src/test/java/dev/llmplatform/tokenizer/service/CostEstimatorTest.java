package dev.llmplatform.tokenizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.chattemplate.ChatTemplate;
import dev.llmplatform.chattemplate.ChatTemplateInput;
import dev.llmplatform.chattemplate.TemplateRaisedException;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.TestEngines;
import dev.llmplatform.tokenizer.engine.ChatMessage;
import dev.llmplatform.tokenizer.engine.ChatTemplateSource;
import dev.llmplatform.tokenizer.engine.PromptBounds;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.error.TextTooLargeException;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.hf.TokenizerConfigJson;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import dev.llmplatform.tokenizer.service.cost.CostCatalogue;
import dev.llmplatform.tokenizer.service.cost.CostCommand;
import dev.llmplatform.tokenizer.service.cost.CostEstimate;
import dev.llmplatform.tokenizer.service.cost.CostEstimator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EstimateCost for catalogue models whose tokenizer is a tokenizer.json with a tokenizer_config.json chat template
 * (the real phi-3-mini and llama-3.1 files): rendered with the platform's renderer and counted with special tokens
 * only where the template wrote them, exactly as the Hugging Face library counts the whole prompt parsed when no
 * content holds special-token text; prices, bounds and refusals.
 */
class CostEstimatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ChatMessage> CHAT = List.of(new ChatMessage("system", "Be brief."),
            new ChatMessage("user", "  What is 2+2?  "));
    private static final PromptBounds BOUNDS = PromptBounds.of(10L << 20);
    private static TokenizerRegistry registry;

    @BeforeAll
    static void open() {
        registry = TestEngines.registry(false);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    private static ChatTemplateSource template(String tokenizer) throws IOException {
        return TokenizerConfigJson.read(TestAssets.dir("tokenizers").resolve(tokenizer)
                .resolve("tokenizer_config.json")).chatTemplate().orElseThrow();
    }

    /** The prompt the template renders, through the platform's renderer, untracked. */
    private static String render(String tokenizer, List<ChatMessage> messages) throws IOException {
        ChatTemplateSource source = template(tokenizer);
        return ChatTemplate.compile(source.template()).render(ChatTemplateInput.of(
                ChatMessage.templateValues(messages), true, source.bosToken(), source.eosToken()));
    }

    private static CostEstimator estimator(String model, String tokenizer, OptionalDouble in, OptionalDouble out) {
        CostCatalogue catalogue = new CostCatalogue(Map.of(model, new CostCatalogue.Entry(Optional.of(tokenizer),
                OptionalInt.of(131072), in, out)));
        return new CostEstimator(catalogue, registry, BOUNDS);
    }

    private static CostEstimator estimator(String tokenizer) {
        return estimator(tokenizer, tokenizer, OptionalDouble.empty(), OptionalDouble.empty());
    }

    @Test
    void theTokenizerConfigTemplatesRenderLikeTransformers() throws IOException {
        assertEquals("<|system|>\nBe brief.<|end|>\n<|user|>\n  What is 2+2?  <|end|>\n<|assistant|>\n",
                render("phi-3-mini", CHAT));
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n", render("llama-3.1", CHAT));
    }

    @Test
    void withoutSpecialTextInTheContentsTheCountIsTheLibrarysCountOfTheWholePromptParsed() throws IOException {
        // apply_chat_template(tokenize=True) is the library tokenizing the rendered prompt with special tokens parsed
        // everywhere; where no content holds special-token text, counting them only where the template wrote them
        // gives the same number. Every fixture conversation of the assets, on both templated tokenizers.
        int compared = 0;
        for (String tokenizer : List.of("llama-3.1", "phi-3-mini")) {
            TokenizerEngine engine = registry.get(tokenizer);
            CostEstimator estimator = estimator(tokenizer);
            for (List<ChatMessage> chat : fixtureChats()) {
                if (chat.stream().anyMatch(m -> m.content().contains("<|") || m.content().contains("</s>"))) {
                    continue;
                }
                String prompt;
                try {
                    prompt = render(tokenizer, chat);
                } catch (TemplateRaisedException e) {
                    InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                            () -> estimator.estimate(new CostCommand(tokenizer, chat, 1)));
                    assertEquals("the chat template refused the messages: " + e.getMessage(), refused.getMessage());
                    continue;
                }
                assertEquals(engine.countParsingSpecials(prompt),
                        estimator.estimate(new CostCommand(tokenizer, chat, 1)).promptTokens(), tokenizer + ": "
                        + prompt);
                compared++;
            }
        }
        assertTrue(compared >= 40, compared + " conversations compared");
    }

    @Test
    void specialTokenTextInAContentStaysText() {
        // llama-3.1: "<|start_header_id|>user<|end_header_id|>\n\n" + content + "<|eot_id|>": the content is a part
        // of its own, counted like Count counts it (special strings literal). phi-3-mini: "<|user|>" takes the "\n"
        // after it (rstrip), so the content is a part of its own there too.
        String content = "say <|eot_id|> and <|end|> and <|begin_of_text|> literally";
        for (String tokenizer : List.of("llama-3.1", "phi-3-mini")) {
            TokenizerEngine engine = registry.get(tokenizer);
            CostEstimate e = estimator(tokenizer).estimate(new CostCommand(tokenizer,
                    List.of(new ChatMessage("user", content)), 1));
            assertEquals(e.templateTokens() + engine.count(content, false), e.promptTokens(), tokenizer);
            assertTrue(e.promptTokens() > engine.countParsingSpecials(content), tokenizer
                    + ": parsed, the special strings would be 3 tokens");
        }
    }

    @Test
    void templateTokensPricesAndFit() {
        CostEstimator estimator = estimator("llama", "llama-3.1", OptionalDouble.of(2.0), OptionalDouble.of(10.0));
        CostEstimate e = estimator.estimate(new CostCommand("llama", CHAT, 8, OptionalInt.of(64)));
        // The template's own tokens: the chat rendered with empty contents, BOS + 3 x (<|start_header_id|> role
        // <|end_header_id|> "\n\n") + 2 x <|eot_id|> = 15 tokens.
        assertEquals(15, e.templateTokens());
        // The prompt: those 15 and the contents as the template prints them ("| trim" drops the spaces).
        assertEquals(15 + registry.get("llama-3.1").count("Be brief.", false)
                + registry.get("llama-3.1").count("What is 2+2?", false), e.promptTokens());
        assertEquals(64, e.contextLength(), "the request's context_length wins over the catalogue's");
        assertEquals(64 - e.promptTokens(), e.tokensLeft());
        assertTrue(e.fits());
        assertTrue(e.pricesKnown());
        assertEquals(e.promptTokens() * 2.0 / 1e6, e.inputCostUsd(), 1e-15);
        assertEquals(8 * 10.0 / 1e6, e.outputCostUsd(), 1e-15);
        assertEquals("tokenizer_config.json", e.templateSource());
        assertEquals("llama-3.1", e.tokenizer());

        assertFalse(estimator.estimate(new CostCommand("llama", CHAT, 64, OptionalInt.of(64))).fits());
        CostEstimate rest = estimator.estimate(new CostCommand("llama", CHAT, 0));
        assertEquals(131072, rest.contextLength());
        assertEquals(rest.tokensLeft() * 10.0 / 1e6, rest.outputCostUsd(), 1e-15);
        UnknownTokenizerException unknown = assertThrows(UnknownTokenizerException.class,
                () -> estimator.estimate(new CostCommand("gpt-9", CHAT, 0)));
        assertEquals("unknown model 'gpt-9'; known: llama", unknown.getMessage());
    }

    @Test
    void pricesAreUnknownUnlessBothAreConfigured() {
        for (CostEstimator estimator : List.of(estimator("llama-3.1"),
                estimator("llama-3.1", "llama-3.1", OptionalDouble.of(2.0), OptionalDouble.empty()),
                estimator("llama-3.1", "llama-3.1", OptionalDouble.empty(), OptionalDouble.of(3.0)))) {
            CostEstimate e = estimator.estimate(new CostCommand("llama-3.1", CHAT, 8));
            assertFalse(e.pricesKnown());
            assertEquals(0.0, e.inputCostUsd());
            assertEquals(0.0, e.outputCostUsd());
            assertTrue(e.promptTokens() > 0);
        }
        CostEstimate free = estimator("llama-3.1", "llama-3.1", OptionalDouble.of(0), OptionalDouble.of(0))
                .estimate(new CostCommand("llama-3.1", CHAT, 8));
        assertTrue(free.pricesKnown(), "0 configured is a known price: free");
    }

    @Test
    void templateSyntaxInContentsIsLiteralText() throws IOException {
        List<String> attacks = List.of("{{ 7*7 }}", "{% for i in range(99999) %}x{% endfor %}", "{{ '{{' }}",
                "{# comment #}{% set x = 1 %}{{ messages }}");
        for (String tokenizer : List.of("phi-3-mini", "llama-3.1")) {
            for (String attack : attacks) {
                String prompt = render(tokenizer, List.of(new ChatMessage("user", attack)));
                assertTrue(prompt.contains(attack), tokenizer + ": " + prompt);
                assertFalse(prompt.contains("49"), prompt);
            }
        }
        CostEstimate loop = estimator("phi-3-mini").estimate(new CostCommand("phi-3-mini",
                List.of(new ChatMessage("user", attacks.get(1))), 1));
        int content = registry.get("phi-3-mini").count(attacks.get(1), false);
        assertEquals(loop.templateTokens() + content, loop.promptTokens(), "the loop is counted as the text it is");
        assertTrue(loop.templateTokens() > 0 && loop.templateTokens() < 10, "template tokens " + loop.templateTokens());
    }

    @Test
    void templateTokensAreNeverNegative() {
        // The template trims contents: with the old definition (prompt minus the raw contents' counts) whitespace
        // that the template drops made the template's share negative.
        String padded = " \t".repeat(200) + "hi" + " \t".repeat(200);
        CostEstimate e = estimator("llama-3.1").estimate(new CostCommand("llama-3.1",
                List.of(new ChatMessage("user", padded)), 1));
        int raw = registry.get("llama-3.1").count(padded, false);
        assertTrue(e.promptTokens() - raw < 0, "the old definition would be negative: " + (e.promptTokens() - raw));
        // BOS + <|start_header_id|> user <|end_header_id|> "\n\n" <|eot_id|> + the assistant header (4) = 10.
        assertEquals(10, e.templateTokens());
        assertEquals(11, e.promptTokens(), "the template keeps \"hi\" only");
    }

    @Test
    void theRenderedPromptIsBoundedLikeAnyText() {
        CostCatalogue catalogue = new CostCatalogue(Map.of("phi", new CostCatalogue.Entry(Optional.of("phi-3-mini"),
                OptionalInt.of(131072), OptionalDouble.empty(), OptionalDouble.empty())));
        CostEstimator small = new CostEstimator(catalogue, registry, PromptBounds.of(1000));
        TextTooLargeException cut = assertThrows(TextTooLargeException.class, () -> small.estimate(
                new CostCommand("phi", List.of(new ChatMessage("user", "y".repeat(990))), 1)));
        assertEquals("the rendered prompt grew past the maximum of 1000 UTF-8 bytes (building it stopped there)",
                cut.getMessage());
        // 490 characters, 980 bytes of content: the limit is in bytes.
        TextTooLargeException wide = assertThrows(TextTooLargeException.class, () -> small.estimate(
                new CostCommand("phi", List.of(new ChatMessage("user", "\u00e9".repeat(490))), 1)));
        assertTrue(wide.getMessage().startsWith("the rendered prompt is 10"), wide.getMessage());
        assertTrue(wide.getMessage().endsWith(" UTF-8 bytes; the maximum is 1000 bytes"), wide.getMessage());
        assertTrue(small.estimate(new CostCommand("phi", List.of(new ChatMessage("user", "\u00e9".repeat(450))), 1))
                .promptTokens() > 0);
    }

    @Test
    void aCatalogueModelWithoutATokenizerOrATemplateThatDoesNotCompile() throws IOException {
        CostCatalogue noTokenizer = new CostCatalogue(Map.of("priced", new CostCatalogue.Entry(Optional.empty(),
                OptionalInt.empty(), OptionalDouble.of(1), OptionalDouble.of(1))));
        TokenizerUnavailableException e = assertThrows(TokenizerUnavailableException.class,
                () -> new CostEstimator(noTokenizer, registry, BOUNDS).estimate(new CostCommand("priced", CHAT, 1)));
        assertEquals("tokenizer 'priced' is unavailable: the cost catalogue names no tokenizer for it and it is not "
                + "a served model", e.getMessage());
        CostEstimate plain = estimator("gpt2").estimate(new CostCommand("gpt2", CHAT, 1));
        assertEquals("none", plain.templateSource());
        assertEquals(0, plain.templateTokens());
        assertEquals(registry.get("gpt2").count("Be brief.", false)
                + registry.get("gpt2").count("  What is 2+2?  ", false), plain.promptTokens());
    }

    /** The conversations of the assets' chat-template fixtures whose messages are plain role and text. */
    static List<List<ChatMessage>> fixtureChats() throws IOException {
        List<List<ChatMessage>> chats = new ArrayList<>();
        try (var files = Files.list(TestAssets.dir("chat-templates"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode c : JSON.readTree(file.toFile()).path("cases")) {
                    List<ChatMessage> chat = new ArrayList<>();
                    for (JsonNode m : c.path("messages")) {
                        if (m.path("content").isTextual() && m.size() == 2) {
                            chat.add(new ChatMessage(m.path("role").asText(), m.path("content").asText()));
                        }
                    }
                    if (chat.size() == c.path("messages").size()) {
                        chats.add(chat);
                    }
                }
            }
        }
        return chats;
    }
}
