package dev.llmplatform.tokenizer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Index conversions between code points, UTF-16 and UTF-8. */
class TextIndexTest {

    @Test
    void convertsBetweenUnits() {
        TextIndex index = new TextIndex("aé🦙b");
        assertEquals(4, index.utf16OfCodePoint(3));
        assertEquals(5, index.utf16OfCodePoint(4));
        assertEquals(3, index.byteOfUtf16(2));
        assertEquals(7, index.byteOfUtf16(4));
        assertEquals(8, index.byteLength());
        assertEquals(2, index.utf16StartOfByte(4), "byte 4 is inside the emoji, which starts at UTF-16 index 2");
        assertEquals(4, index.utf16EndOfByte(5), "a token ending inside the emoji ends after it");
        assertEquals(2, index.utf16EndOfByte(3));
    }

    @Test
    void lengthsAndSurrogates() {
        assertEquals(8, TextIndex.utf8Length("aé🦙b"));
        assertEquals(3, TextIndex.utf8Length("\ud800"));
        assertEquals("a\uFFFDb", TextIndex.withoutLoneSurrogates("a\ud800b"));
        assertEquals("\uFFFD🦙\uFFFD", TextIndex.withoutLoneSurrogates("\udc00🦙\ud83e"));
        assertEquals("ok", TextIndex.withoutLoneSurrogates("ok"));
        assertEquals(1, TextIndex.utf8Length("\0"));
    }
}
