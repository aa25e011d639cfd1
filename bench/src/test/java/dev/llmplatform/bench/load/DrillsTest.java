package dev.llmplatform.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DrillsTest {

    @Test
    void firstDifferenceNamesThePositionAndBothExcerpts() {
        assertEquals("first difference at char 3: \"d\" vs \"x\"", Drills.firstDifference("abcd", "abcx"));
        assertEquals("first difference at char 2: \"\" vs \"c\"", Drills.firstDifference("ab", "abc"));
        assertEquals("first difference at char 0: \"\\n\" vs \"村\"", Drills.firstDifference("\n", "村"));
    }
}
