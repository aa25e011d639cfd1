package dev.llmplatform.tokenizer.error;

import java.util.Collection;
import java.util.List;

/**
 * How values from a request appear in an error message: cut to {@link #MAX_CHARS} characters (plus "…"), control
 * characters shown as "?", so an error never echoes a long or unprintable value back. Lists of names are cut to
 * {@link #MAX_NAMES} entries.
 */
public final class Echo {

    /** Longest echoed value, in UTF-16 units (a surrogate pair is never split). */
    public static final int MAX_CHARS = 64;
    /** Most names shown from a list. */
    public static final int MAX_NAMES = 20;

    private Echo() {
    }

    /** {@code value} as it may appear in a message. */
    public static String value(String value) {
        if (value == null) {
            return "";
        }
        String shown = value;
        if (value.length() > MAX_CHARS) {
            int end = Character.isHighSurrogate(value.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            shown = value.substring(0, end) + "\u2026";
        }
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** The first {@link #MAX_NAMES} names (each echoed), comma-separated, with "… (N more)" when there are more. */
    public static String names(Collection<String> names) {
        List<String> all = List.copyOf(names);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_NAMES, all.size()); i++) {
            out.append(i == 0 ? "" : ", ").append(value(all.get(i)));
        }
        if (all.size() > MAX_NAMES) {
            out.append(", \u2026 (").append(all.size() - MAX_NAMES).append(" more)");
        }
        return out.toString();
    }
}
