package dev.llmplatform.tokenizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.chatprompt.ChatPromptBuilder;
import dev.llmplatform.chatprompt.ChatPromptOptions;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.engine.ChatMessage;
import dev.llmplatform.tokenizer.engine.PromptBounds;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.registry.ServedModel;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import dev.llmplatform.tokenizer.service.cost.CostCatalogue;
import dev.llmplatform.tokenizer.service.cost.CostCommand;
import dev.llmplatform.tokenizer.service.cost.CostEstimate;
import dev.llmplatform.tokenizer.service.cost.CostEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EstimateCost for served models (the inference service's GGUF files): the count is {@link ChatPromptBuilder}'s, the
 * inference service's {@code usage.prompt_tokens} for the same chat, on {@code stories260K-qwen2.5-template.gguf}
 * with the seven Qwen2.5 fixture conversations.
 */
class ServedModelCostTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path QWEN = TestAssets.file("models/stories260K-qwen2.5-template.gguf");
    private static final Path PLAIN = TestAssets.file("models/stories260K.gguf");
    private static final PromptBounds BOUNDS = PromptBounds.of(10L << 20);

    @TempDir
    static Path templates;

    private static TokenizerRegistry registry;
    private static CostEstimator estimator;
    private static ChatPromptBuilder inference;
    private static int trainedContext;

    @BeforeAll
    static void open() throws Exception {
        Path refusing = Files.writeString(templates.resolve("refusing.jinja"), "{% if messages[0].role != 'user' %}"
                + "{{ raise_exception('Conversations must start with a user message') }}{% endif %}"
                + "{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{% endfor %}");
        Path broken = Files.writeString(templates.resolve("broken.jinja"), "{% if %}");
        registry = new TokenizerRegistry(List.of(new ServedModel("stories-qwen", QWEN, Optional.empty()),
                new ServedModel("stories", PLAIN, Optional.empty()),
                new ServedModel("refusing", QWEN, Optional.of(refusing)),
                new ServedModel("broken", QWEN, Optional.of(broken)),
                new ServedModel("Odd Name", QWEN, Optional.empty())), List.of(), Optional.empty());
        CostCatalogue catalogue = new CostCatalogue(Map.of("stories", new CostCatalogue.Entry(Optional.empty(),
                OptionalInt.empty(), OptionalDouble.of(1.5), OptionalDouble.of(2.5))));
        estimator = new CostEstimator(catalogue, registry, BOUNDS);
        GgufFile file = GgufFile.read(QWEN);
        inference = ChatPromptBuilder.of(file, ChatPromptOptions.defaults());
        trainedContext = (int) file.contextLength().orElseThrow();
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void theSevenQwenConversationsCountWhatTheInferenceServiceReports() throws Exception {
        JsonNode fixture = JSON.readTree(TestAssets.file("chat-templates/qwen2.5-instruct.json").toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode c : fixture.path("cases")) {
            List<Map<String, Object>> maps = JSON.convertValue(c.path("messages"), new TypeReference<>() {
            });
            List<ChatMessage> chat = maps.stream().map(m -> new ChatMessage((String) m.get("role"),
                    (String) m.get("content"))).toList();
            CostEstimate e = estimator.estimate(new CostCommand("stories-qwen", chat, 16));
            String name = c.path("name").asText();
            assertEquals(inference.build(maps, null, true, null).tokenCount(), e.promptTokens(), name);
            assertEquals(inference.build(ChatMessage.templateValues(ChatMessage.emptied(chat)), null, true, null)
                    .tokenCount(), e.templateTokens(), name);
            assertTrue(e.templateTokens() > 0 && e.templateTokens() < e.promptTokens(), name);
            assertEquals("gguf", e.templateSource());
            assertEquals("stories-qwen", e.tokenizer());
            assertEquals(trainedContext, e.contextLength(), "the file's trained context");
            assertFalse(e.pricesKnown());
            names.add(name);
        }
        assertEquals(7, names.size(), names.toString());
    }

    @Test
    void theServedContextFromTheRequestAndPricesFromACatalogueEntryOfTheSameName() throws Exception {
        List<ChatMessage> chat = List.of(new ChatMessage("user", "Once upon a time"));
        CostEstimate e = estimator.estimate(new CostCommand("stories", chat, 4, OptionalInt.of(32)));
        assertEquals(32, e.contextLength());
        assertEquals(32 - e.promptTokens(), e.tokensLeft());
        assertTrue(e.pricesKnown());
        assertEquals(e.promptTokens() * 1.5 / 1e6, e.inputCostUsd(), 1e-15);
        assertEquals(4 * 2.5 / 1e6, e.outputCostUsd(), 1e-15);
        // No template in this file: the plain-completion rule the inference service applies (BOS, the contents).
        assertEquals("none", e.templateSource());
        ChatPromptBuilder plain = ChatPromptBuilder.of(GgufFile.read(PLAIN), ChatPromptOptions.defaults());
        assertEquals(plain.build(ChatMessage.templateValues(chat), null, true, null).tokenCount(), e.promptTokens());
        assertEquals(1, e.templateTokens(), "BOS");
    }

    @Test
    void aTemplateRefusalIsInvalidArgumentWithTheTemplatesMessage() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> estimator.estimate(
                new CostCommand("refusing", List.of(new ChatMessage("system", "x"), new ChatMessage("user", "y")), 1)));
        assertEquals("the chat template refused the messages: Conversations must start with a user message",
                refused.getMessage());
        CostEstimate accepted = estimator.estimate(new CostCommand("refusing", List.of(new ChatMessage("user", "y")),
                1));
        assertEquals("override", accepted.templateSource());
        TokenizerUnavailableException broken = assertThrows(TokenizerUnavailableException.class,
                () -> estimator.estimate(new CostCommand("broken", List.of(new ChatMessage("user", "y")), 1)));
        assertTrue(broken.getMessage().startsWith("tokenizer 'broken' is unavailable: its chat template (override) "
                + "does not compile: line 1"), broken.getMessage());
    }

    @Test
    void servedModelsAreTokenizersUnderTheirNameWhenItIsOne() {
        assertEquals(List.of("broken", "refusing", "stories", "stories-qwen"), registry.names());
        assertEquals(registry.get("stories-qwen").count("Once upon a time", true),
                registry.servedModel("stories-qwen").orElseThrow().count("Once upon a time", true));
        assertTrue(estimator.estimate(new CostCommand("Odd Name", List.of(new ChatMessage("user", "y")), 1))
                .promptTokens() > 0, "a served name that is no tokenizer name still has costs");
        UnknownTokenizerException unknown = assertThrows(UnknownTokenizerException.class,
                () -> estimator.estimate(new CostCommand("other", List.of(new ChatMessage("user", "y")), 1)));
        assertEquals("unknown model 'other'; known: Odd Name, broken, refusing, stories, stories-qwen",
                unknown.getMessage());
    }
}
