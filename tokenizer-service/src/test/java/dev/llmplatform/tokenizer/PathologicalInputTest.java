package dev.llmplatform.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.grpc.RequestValidator;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pathological inputs (BAD-INPUTS #8, #9, #11) on every served tokenizer: bounded time, documented results
 * (see README.md, "Pathological input").
 */
class PathologicalInputTest {

    private static TokenizerRegistry registry;

    @BeforeAll
    static void open() {
        registry = TestEngines.registry(true);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void repeatedCharacterAndOneHugeWordAreAnswered() {
        String repeated = "a".repeat(200_000);
        String word = "antidisestablishmentarianism".repeat(500_000 / 28);
        for (String name : registry.names()) {
            TokenizerEngine engine = registry.get(name);
            int a = timed(name + " a x 200000", () -> engine.count(repeated, false));
            int w = timed(name + " one 500 KB word", () -> engine.count(word, false));
            // At most one token per character plus a word-boundary marker (T5's "▁"); BERT answers one [UNK]
            // for any word over 100 characters.
            assertTrue(a > 0 && a <= repeated.length() + 1, name + " " + a);
            assertTrue(w > 0 && w <= word.length() + 1, name + " " + w);
        }
    }

    @Test
    void nulBytesAreOrdinaryCharacters() {
        for (String name : registry.names()) {
            TokenizerEngine engine = registry.get(name);
            EncodedText e = engine.encode("a\0b", false, false);
            assertTrue(e.count() >= 1, name);
            assertTrue(e.charEnds()[e.count() - 1] <= 3, name);
        }
        TokenizerEngine gpt2 = registry.get("gpt2");
        assertEquals("a\0b", gpt2.decode(gpt2.encode("a\0b", false, false).ids(), false));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        RequestValidator validator = new RequestValidator(1 << 20, 10, 10, 10);
        String text = validator.encode(EncodeRequest.newBuilder().setTokenizer("gpt2").setText("a\ud800b").build())
                .text();
        assertEquals("a\uFFFDb", text);
        for (String name : registry.names()) {
            EncodedText e = registry.get(name).encode(text, true, false);
            assertTrue(e.count() >= 1, name);
        }
        TokenizerEngine gpt2 = registry.get("gpt2");
        assertEquals(text, gpt2.decode(gpt2.encode(text, false, false).ids(), false));
    }

    /** Runs the work and prints its time (for the README's figures; a time never fails a test). */
    private static int timed(String what, Supplier<Integer> work) {
        long start = System.nanoTime();
        int result = work.get();
        System.out.println(what + ": " + result + " tokens in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return result;
    }
}
