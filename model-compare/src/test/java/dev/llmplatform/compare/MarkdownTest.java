package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void escapesTableBreakersFormattingAndHtml() {
        assertEquals("a \\| b", Markdown.escapeCell("a | b"));
        assertEquals("\\*bold\\* \\_x\\_ \\`code\\` \\[link\\] \\~s\\~ back\\\\slash",
                Markdown.escapeCell("*bold* _x_ `code` [link] ~s~ back\\slash"));
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;",
                Markdown.escapeCell("<script>alert(1)</script> &amp;"));
    }

    @Test
    void turnsLineBreaksIntoBrAndDropsControlCharacters() {
        assertEquals("one<br>two<br>three<br>four", Markdown.escapeCell("one\ntwo\r\nthree\rfour"));
        assertEquals("a b", Markdown.escapeCell("a\tb\u0000\u001b"));
        assertEquals("emoji 😀 ok", Markdown.escapeCell("emoji 😀 ok"));
    }

    @Test
    void truncatesByCodePointsWithoutSplittingSurrogates() {
        assertEquals("short", Markdown.truncate("short", 5));
        assertEquals("abcd…", Markdown.truncate("abcdefgh", 5));
        assertEquals("😀😀…", Markdown.truncate("😀😀😀😀", 3));
        assertThrows(IllegalArgumentException.class, () -> Markdown.truncate("x", 0));
    }

    @Test
    void rendersATableWithAlignmentAndEscapedCells() {
        String table = Markdown.table(List.of("Model", "Tokens/s"),
                List.of(List.of("a|b", "12.5"), List.of("c", "3.0")), false, true);
        assertEquals("""
                | Model | Tokens/s |
                | --- | ---: |
                | a\\|b | 12.5 |
                | c | 3.0 |
                """, table);
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Markdown.table(List.of("a", "b"), List.of(List.of("only one"))));
        assertEquals("row has 1 cells, the header 2", e.getMessage());
    }
}
