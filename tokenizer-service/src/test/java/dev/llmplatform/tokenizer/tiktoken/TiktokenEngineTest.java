package dev.llmplatform.tokenizer.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.tokenizer.engine.EncodedText;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The jtokkit engine: known ids, special tokens, offsets and round trips for every served encoding. */
class TiktokenEngineTest {

    private static TiktokenEngine engine(String name) {
        return new TiktokenEngine(TiktokenEncodingSpec.ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow());
    }

    @Test
    void cl100kHelloWorld() {
        EncodedText e = engine("cl100k_base").encode("hello world", false, false);
        assertArrayEquals(new int[] {15339, 1917}, e.ids());
        assertArrayEquals(new String[] {"hello", "Ġworld"}, e.tokens());
        assertArrayEquals(new int[] {0, 5}, e.charStarts());
        assertArrayEquals(new int[] {5, 11}, e.charEnds());
        assertEquals(2, engine("cl100k_base").count("hello world", true), "tiktoken adds no special tokens");
    }

    @Test
    void specialTokenTableMatchesJtokkit() {
        for (TiktokenEncodingSpec spec : TiktokenEncodingSpec.ALL) {
            TiktokenEngine engine = new TiktokenEngine(spec);
            spec.specialTokens().forEach((text, id) -> {
                assertEquals(text, engine.decode(new int[] {id}, false), spec.name() + " " + id);
                assertEquals("", engine.decode(new int[] {id}, true));
            });
            assertThrows(IllegalArgumentException.class, () -> engine.decode(new int[] {spec.vocabSize()}, false));
        }
    }

    @Test
    void specialStringsAreLiteralUnlessParsed() {
        TiktokenEngine cl100k = engine("cl100k_base");
        int[] literal = cl100k.encode("a<|endoftext|>b", false, false).ids();
        assertFalse(Arrays.stream(literal).anyMatch(id -> id == 100257));
        EncodedText parsed = cl100k.encode("a<|endoftext|>b", false, true);
        assertEquals(3, parsed.count());
        assertEquals(100257, parsed.ids()[1]);
        assertTrue(parsed.special()[1]);
        assertEquals(1, parsed.charStarts()[1]);
        assertEquals(14, parsed.charEnds()[1]);
        assertEquals("a<|endoftext|>b", cl100k.decode(parsed.ids(), false));
        assertEquals("ab", cl100k.decode(parsed.ids(), true));
    }

    @Test
    void multiByteTokensGetByteOffsetsAndCharacterBounds() {
        String text = "x🦙y";
        EncodedText e = engine("cl100k_base").encode(text, false, false);
        assertEquals(0, e.byteStarts()[0]);
        assertEquals(6, e.byteEnds()[e.count() - 1]);
        for (int i = 0; i < e.count(); i++) {
            assertTrue(e.charStarts()[i] <= e.charEnds()[i]);
            assertTrue(e.charEnds()[i] <= text.length());
        }
        assertEquals(text.length(), e.charEnds()[e.count() - 1]);
    }

    @Test
    void everyEncodingRoundTrips() {
        String text = "Tokenizers: ¿qué tal? 日本語 🦙 <|endoftext|>\n\tend";
        for (TiktokenEncodingSpec spec : TiktokenEncodingSpec.ALL) {
            TiktokenEngine engine = new TiktokenEngine(spec);
            EncodedText e = engine.encode(text, false, false);
            assertEquals(text, engine.decode(e.ids(), false), spec.name());
            assertEquals(e.count(), engine.count(text, false), spec.name());
        }
    }
}
