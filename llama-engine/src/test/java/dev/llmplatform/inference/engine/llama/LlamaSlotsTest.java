package dev.llmplatform.inference.engine.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;
import dev.llmplatform.testsupport.TestAssets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slot pinning, clearing and receive turns against the real engine. */
class LlamaSlotsTest {

    private static TextEngine engine;

    @BeforeAll
    static void load() {
        engine = load("models/stories260K.gguf", 512, 4);
    }

    /** The model on the CPU with one thread, the given context per slot and slots, the way the service loads it. */
    private static TextEngine load(String asset, int contextPerSlot, int slots) {
        LlamaModel model = new LlamaModel(LlamaModelParameters.of(TestAssets.file(asset), contextPerSlot, slots, 1, 0,
                false, false));
        return new LlamaTextEngine(model, new ModelFacts(asset, contextPerSlot, slots, false, true, 1, 0, 0), false);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static EngineRequest greedy(int tokens) {
        return EngineRequest.text("Once upon a time", tokens, 0f, 1f, 0, 0f, 1f, 42);
    }

    private static String drain(TokenStream stream) {
        StringBuilder text = new StringBuilder();
        for (Piece piece = stream.next(); piece != null; piece = stream.next()) {
            text.append(piece.text());
        }
        return text.toString();
    }

    @Test
    void aPromptGivenAsTokenIdsDecodesLikeTheSameText() {
        String text = drain(engine.start(greedy(24), 0));
        int[] ids = engine.tokenize("Once upon a time");
        int[] withBos = new int[ids.length + 1];
        withBos[0] = 1;
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        EngineRequest tokens = new EngineRequest(new EnginePrompt.Tokens(withBos), 24, 0f, 1f, 0, 0f, 1f, 42);
        assertEquals(text, drain(engine.start(tokens, 0)));
        assertFalse(text.isEmpty());
        String json = LlamaParameters.from(tokens, false).toString();
        assertTrue(json.contains("\"prompt\": [1,"), json);
        assertTrue(json.contains("\"cache_prompt\": false"), json);
        assertTrue(LlamaParameters.from(tokens, true).toString().contains("\"cache_prompt\": true"));
    }

    @Test
    void pinningPutsTheSlotNumberIntoTheRequest() {
        String json = LlamaSlots.pin(new InferenceParameters("x"), 3).toString();
        assertTrue(json.contains("\"id_slot\": 3"), json);
        assertThrows(IllegalArgumentException.class, () -> LlamaSlots.pin(new InferenceParameters("x"), -1));
    }

    /**
     * The engine decodes on without a reader, so the busy slot needs a model slow enough to still be generating
     * after the wait: random-134m-q4_0 (about 80 tokens/s with one thread on 2 cores; 100 tokens take over a second).
     */
    @Test
    void aRequestPinnedToABusySlotWaitsForItWhileTheOtherSlotServesAtOnce() throws Exception {
        TextEngine slow = load("models/random-134m-q4_0.gguf", 128, 2);
        try {
            TokenStream busy = slow.start(greedy(100), 0);
            assertNotNull(busy.next());
            CompletableFuture<String> sameSlot = CompletableFuture.supplyAsync(() -> drain(slow.start(greedy(2), 0)));
            String otherSlot = CompletableFuture.supplyAsync(() -> drain(slow.start(greedy(2), 1)))
                    .get(30, TimeUnit.SECONDS);
            assertFalse(otherSlot.isEmpty());
            assertThrows(TimeoutException.class, () -> sameSlot.get(200, TimeUnit.MILLISECONDS),
                    "a request pinned to slot 0 ran while slot 0 was still generating");
            busy.cancel();
            assertEquals(otherSlot, sameSlot.get(30, TimeUnit.SECONDS));
        } finally {
            slow.close();
        }
    }

    @Test
    void aClearedSlotDecodesTheSameAsBeforeInEverySlot() {
        String first = drain(engine.start(greedy(32), 1));
        assertFalse(first.isEmpty());
        engine.clear(1);
        assertEquals(first, drain(engine.start(greedy(32), 1)));
        engine.clear(1);
        assertEquals(first, drain(engine.start(greedy(32), 0)));
        engine.clear(0);
        assertThrows(IllegalArgumentException.class, () -> engine.clear(4));
    }

    @Test
    void fourStreamsTakingReceiveTurnsEachGetTheirOwnTextInFull() throws Exception {
        String alone = drain(engine.start(greedy(200), 0));
        List<CompletableFuture<String>> together = new ArrayList<>();
        for (int slot = 0; slot < 4; slot++) {
            int pinned = slot;
            together.add(CompletableFuture.supplyAsync(() -> drain(engine.start(greedy(200), pinned))));
        }
        for (CompletableFuture<String> stream : together) {
            assertEquals(alone, stream.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSlotOutsideTheEngineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> engine.start(greedy(1), 4));
        assertThrows(IllegalArgumentException.class, () -> engine.start(greedy(1), -1));
    }
}
