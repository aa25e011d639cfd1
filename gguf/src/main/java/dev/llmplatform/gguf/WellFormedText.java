package dev.llmplatform.gguf;

/** Well-formed UTF-16 for tokenizers: text decoded from client JSON may hold lone surrogates, which UTF-8 cannot. */
public final class WellFormedText {

    private WellFormedText() {
    }

    /** Replaces each lone surrogate with U+FFFD (same UTF-16 length); returns the text itself when it has none. */
    public static String withoutLoneSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
