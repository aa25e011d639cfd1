package dev.llmplatform.inference.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringMatcherTest {

    @Test
    void withoutStopStringsEverythingIsReleasedAtOnce() {
        StopStringMatcher matcher = new StopStringMatcher(List.of());
        assertEquals("Once", matcher.accept("Once"));
        assertEquals(" upon", matcher.accept(" upon"));
        assertEquals("", matcher.flush());
        assertFalse(matcher.stopped());
    }

    @Test
    void holdsBackAPossibleStartAndReleasesItWhenItDoesNotMatch() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("END"));
        assertEquals("the ", matcher.accept("the E"));
        assertEquals("", matcher.accept("N"));
        assertEquals("ENo", matcher.accept("o"));
        assertFalse(matcher.stopped());
    }

    @Test
    void stopStringSplitAcrossPiecesStopsAndIsNotReleased() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("END"));
        assertEquals("done", matcher.accept("doneE"));
        assertEquals("", matcher.accept("N"));
        assertEquals("", matcher.accept("D and more"));
        assertTrue(matcher.stopped());
        assertEquals("", matcher.accept("ignored"));
        assertEquals("", matcher.flush());
    }

    @Test
    void earliestOfSeveralStopStringsWins() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("world", "lo"));
        assertEquals("hel", matcher.accept("hello world"));
        assertTrue(matcher.stopped());
    }

    @Test
    void heldTextIsFlushedWhenGenerationEnds() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("\n\n"));
        assertEquals("line", matcher.accept("line\n"));
        assertEquals("\n", matcher.flush());
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        StopStringMatcher matcher = new StopStringMatcher(List.of("\uDE00x"));
        String released = matcher.accept("a" + emoji);
        assertEquals("a", released);
        assertEquals(emoji, matcher.accept("") + matcher.flush());
    }
}
