package dev.llmplatform.gateway.http;

/**
 * Client-supplied values quoted in error messages (model and tokenizer names, ids, field names, headers) are cut to a
 * bounded length, so an error body never grows with the request.
 */
public final class Echo {

    /** The longest quoted value, in characters. */
    public static final int MAX = 100;

    private Echo() {
    }

    /** The value cut to {@link #MAX} characters, with "…" when cut; "null" for null. */
    public static String cut(String value) {
        return cut(value, MAX);
    }

    /** The value cut to {@code max} characters (never inside a surrogate pair), with "…" when cut. */
    public static String cut(String value, int max) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end) + "…";
    }
}
