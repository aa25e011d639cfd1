package dev.llmplatform.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class WellFormedTextTest {

    @Test
    void replacesOnlyLoneSurrogates() {
        assertEquals("a\uFFFDb", WellFormedText.withoutLoneSurrogates("a\ud800b"));
        assertEquals("\uFFFD🦙\uFFFD", WellFormedText.withoutLoneSurrogates("\udc00🦙\ud83e"));
        String clean = "ok 🦙";
        assertSame(clean, WellFormedText.withoutLoneSurrogates(clean));
    }
}
