package dev.llmplatform.bench.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table: text left-aligned, figures right-aligned. */
public final class Table {

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with a title and column names. */
    public Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    /** Adds a row; its cells are formatted with {@link #cell(Object)}. */
    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell(cell));
        }
        rows.add(row);
        return this;
    }

    /** Numbers with up to two decimals (NaN as "-"), everything else as text. */
    public static String cell(Object value) {
        if (value instanceof Double d || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            if (Double.isNaN(v)) {
                return "-";
            }
            return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
        }
        return String.valueOf(value);
    }

    /** Prints the table. */
    public void print(PrintStream out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println();
        out.println("== " + title);
        out.println(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
    }

    /** Figures (numbers, "-") are right-aligned; text is left-aligned. */
    static boolean isFigure(String cell) {
        return cell.equals("-") || cell.matches("[-+]?[0-9][0-9.,]*%?");
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 || !isFigure(cell) ? cell + pad : pad + cell).append("  ");
        }
        return line.toString().stripTrailing();
    }
}
