package dev.llmplatform.compare;

import java.util.List;

/** Markdown table rendering with cell escaping, so model output cannot break the table or inject HTML. */
public final class Markdown {

    private Markdown() {
    }

    /**
     * Escapes text for one table cell: HTML special characters become entities, Markdown punctuation that could
     * format or link ({@code \ ` * _ [ ] ~ |}) gets a backslash, line breaks become {@code <br>} and other control
     * characters are dropped.
     */
    public static String escapeCell(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n' -> out.append("<br>");
                case '\\', '`', '*', '_', '[', ']', '~', '|' -> out.append('\\').append(c);
                default -> {
                    if (c == '\t') {
                        out.append(' ');
                    } else if (!Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Cuts text to at most {@code maxCodePoints} code points (never splitting a surrogate pair), adding "…" if cut. */
    public static String truncate(String text, int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be >= 1, got " + maxCodePoints);
        }
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxCodePoints - 1);
        return text.substring(0, end) + "…";
    }

    /**
     * A table; every cell (header included) is escaped. Columns in {@code rightAligned} get {@code ---:}.
     *
     * @throws IllegalArgumentException when a row has another number of cells than the header
     */
    public static String table(List<String> header, List<List<String>> rows, boolean... rightAligned) {
        StringBuilder out = new StringBuilder();
        row(out, header);
        out.append('|');
        for (int i = 0; i < header.size(); i++) {
            out.append(i < rightAligned.length && rightAligned[i] ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, the header " + header.size());
            }
            row(out, row);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(escapeCell(cell)).append(" |");
        }
        out.append('\n');
    }
}
