package dev.llmplatform.testkit.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void wellFormedTextIsValid() {
        assertTrue(Utf8.isValid("plain ASCII".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Utf8.isValid("é 日本語 🙂 \u0000 \uFFFD".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Utf8.isValid(new byte[0]));
        assertTrue(Utf8.isValid(bytes(0xF4, 0x8F, 0xBF, 0xBF)), "U+10FFFF");
        assertTrue(Utf8.isValid(bytes(0xEE, 0x80, 0x80)), "U+E000 after the surrogates");
    }

    @Test
    void splitCharactersAreInvalid() {
        byte[] emoji = "🙂".getBytes(StandardCharsets.UTF_8);
        assertFalse(Utf8.isValid(emoji, 0, 2), "first half of a 4-byte character");
        assertFalse(Utf8.isValid(emoji, 2, 4), "second half starts with continuation bytes");
        assertTrue(Utf8.isValid(emoji, 0, 4));
    }

    @Test
    void overlongSurrogatesAndOutOfRangeAreInvalid() {
        assertFalse(Utf8.isValid(bytes(0xC0, 0xAF)), "overlong '/'");
        assertFalse(Utf8.isValid(bytes(0xC1, 0xBF)), "overlong two-byte");
        assertFalse(Utf8.isValid(bytes(0xE0, 0x80, 0xAF)), "overlong three-byte");
        assertFalse(Utf8.isValid(bytes(0xF0, 0x80, 0x80, 0xAF)), "overlong four-byte");
        assertFalse(Utf8.isValid(bytes(0xED, 0xA0, 0x80)), "lone high surrogate U+D800");
        assertFalse(Utf8.isValid(bytes(0xF4, 0x90, 0x80, 0x80)), "above U+10FFFF");
        assertFalse(Utf8.isValid(bytes(0xF5, 0x80, 0x80, 0x80)), "F5 lead byte");
        assertFalse(Utf8.isValid(bytes(0xFF)), "FF");
        assertFalse(Utf8.isValid(bytes(0xC3, 0x28)), "bad continuation");
        assertFalse(Utf8.isValid(bytes(0xE2, 0x82, 0x28)), "bad third byte");
    }
}
