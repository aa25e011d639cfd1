package dev.llmplatform.servicekit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EchoTest {

    @Test
    void longValuesAreCutControlCharactersShownAsQuestionMarks() {
        assertEquals("", Echo.value(null));
        assertEquals("gpt2", Echo.value("gpt2"));
        assertEquals("x".repeat(64) + "\u2026", Echo.value("x".repeat(150)));
        assertEquals("a?b?c", Echo.value("a\nb\u0000c"));
        String pairAtTheCut = "y".repeat(63) + "\ud83e\udd99" + "z";
        assertEquals("y".repeat(63) + "\u2026", Echo.value(pairAtTheCut), "a surrogate pair is never split");
    }

    @Test
    void listsStopAfterTwentyNames() {
        assertEquals("a, b", Echo.names(List.of("a", "b")));
        List<String> many = IntStream.range(0, 25).mapToObj(i -> "n" + i).toList();
        assertEquals(String.join(", ", many.subList(0, 20)) + ", \u2026 (5 more)", Echo.names(many));
        assertEquals("x".repeat(64) + "\u2026", Echo.names(List.of("x".repeat(65))));
    }
}
