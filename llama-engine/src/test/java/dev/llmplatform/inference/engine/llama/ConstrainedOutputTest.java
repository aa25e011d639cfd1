package dev.llmplatform.inference.engine.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.LlamaModel;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.gguf.GgufFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JSON schema holds even stories260K, a model that has only ever seen children's stories, to the JSON it allows;
 * presence and frequency penalties and logit biases reach the engine. Sampled at temperature 1 with several seeds,
 * so the schema, not the model's preference, is what shapes the text.
 */
class ConstrainedOutputTest {

    /** Tokens in stories260K's vocabulary ({@code tokenizer.ggml.tokens}). */
    private static final int VOCABULARY = vocabularySize();
    private static TextEngine engine;

    @BeforeAll
    static void load() {
        LlamaModel model = new LlamaModel(LlamaModelParameters.of(TestAssets.file("models/stories260K.gguf"), 512, 1,
                1, 0, false, false));
        engine = new LlamaTextEngine(model, new ModelFacts("stories260K", 512, 1, false, true, 1, 0, 0), false);
    }

    private static int vocabularySize() {
        try {
            return GgufFile.read(TestAssets.file("models/stories260K.gguf")).getArray("tokenizer.ggml.tokens")
                    .orElseThrow().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static String generate(String jsonSchema, long seed, float presence, float frequency) {
        return generate(new EngineRequest(new EnginePrompt.Text("Once upon a time"), 64, 1f, 1f, 0, 0f, 1f, seed,
                presence, frequency, jsonSchema, Map.of()));
    }

    /** The pieces of a greedy 8-token answer with the given biases. */
    private static List<String> greedy(Map<Integer, Float> bias) {
        TokenStream stream = engine.start(new EngineRequest(new EnginePrompt.Text("Once upon a time"), 8, 0f, 1f, 0,
                0f, 1f, 1, 0f, 0f, "", bias), 0);
        List<String> pieces = new ArrayList<>();
        for (Piece piece = stream.next(); piece != null; piece = stream.next()) {
            if (piece.token()) {
                pieces.add(piece.text());
            }
        }
        return pieces;
    }

    /** The ids whose text, spaces aside, is {@code text}. */
    private static Map<Integer, Float> idsOf(String text, float bias) {
        Map<Integer, Float> ids = new HashMap<>();
        for (int id = 0; id < VOCABULARY; id++) {
            if (engine.tokenText(id).strip().equals(text.strip())) {
                ids.put(id, bias);
            }
        }
        return ids;
    }

    private static String generate(EngineRequest request) {
        TokenStream stream = engine.start(request, 0);
        StringBuilder text = new StringBuilder();
        for (Piece piece = stream.next(); piece != null; piece = stream.next()) {
            text.append(piece.text());
        }
        return text.toString();
    }

    @Test
    void aJsonSchemaMakesTheTinyModelWriteThatObject() {
        String schema = "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"},\"mood\":{\"enum\":"
                + "[\"happy\",\"sad\"]},\"age\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":9}},"
                + "\"required\":[\"ok\",\"mood\",\"age\"],\"additionalProperties\":false}";
        Pattern object = Pattern.compile("\\s*\\{\\s*\"ok\"\\s*:\\s*(true|false)\\s*,\\s*\"mood\"\\s*:\\s*"
                + "\"(happy|sad)\"\\s*,\\s*\"age\"\\s*:\\s*[1-9]\\s*}\\s*");
        for (long seed = 1; seed <= 4; seed++) {
            String text = generate(schema, seed, 0f, 0f);
            assertTrue(object.matcher(text).matches(), "seed " + seed + ": '" + text + "'");
        }
    }

    @Test
    void anEmptySchemaHoldsTheAnswerToJsonFromItsFirstCharacter() {
        Pattern startsLikeJson = Pattern.compile("\\s*([\\[{\"\\-0-9]|true|false|null).*", Pattern.DOTALL);
        for (long seed = 1; seed <= 4; seed++) {
            String text = generate("{}", seed, 0f, 0f);
            assertTrue(startsLikeJson.matcher(text).matches(), "seed " + seed + ": '" + text + "'");
        }
    }

    @Test
    void aLogitBiasOfMinus100BansATokenAndPlus100ForcesOne() {
        List<String> plain = greedy(Map.of());
        assertEquals(8, plain.size());
        String first = plain.get(0);
        Map<Integer, Float> banned = idsOf(first, -100f);
        assertFalse(banned.isEmpty(), "the vocabulary has '" + first + "'");
        assertNotEquals(first.strip(), greedy(banned).get(0).strip(), "every token reading '" + first + "' banned");
        int forced = VOCABULARY / 2;
        List<String> answer = greedy(Map.of(forced, 100f));
        assertEquals(8, answer.size());
        assertNotEquals(plain, answer);
        for (String piece : answer) {
            assertEquals(engine.tokenText(forced).strip(), piece.strip(), "token " + forced + " at every step: " + answer);
        }
        assertEquals(plain, greedy(Map.of(forced, 0f)), "a bias of 0 changes nothing");
    }

    @Test
    void penaltiesChangeWhatIsSampled() {
        String plain = generate("", 7, 0f, 0f);
        assertEquals(plain, generate("", 7, 0f, 0f), "the same seed samples the same text");
        assertNotEquals(plain, generate("", 7, 2f, 2f), "presence and frequency penalties of 2 change the text");
    }
}
