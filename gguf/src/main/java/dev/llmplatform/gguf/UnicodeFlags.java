package dev.llmplatform.gguf;

/**
 * Code point classes as llama.cpp's unicode tables define them: one general-category group per code point (from
 * {@link Character#getType}, the JDK's Unicode tables) plus llama.cpp's own whitespace set (Unicode White_Space).
 * Code points the JDK does not know count as undefined: Java 17 has Unicode 13 while llama.cpp's tables are newer,
 * so characters added since (for example U+2E53 and U+2E5B, Unicode 14 punctuation) can split differently; on a newer
 * JDK they follow its tables.
 */
final class UnicodeFlags {

    static final int UNDEFINED = 0x01;
    static final int NUMBER = 0x02;
    static final int LETTER = 0x04;
    static final int SEPARATOR = 0x08;
    static final int MARK = 0x10;
    static final int PUNCTUATION = 0x20;
    static final int SYMBOL = 0x40;
    static final int CONTROL = 0x80;
    /** Not a category: set on the White_Space code points in addition to their category. */
    static final int WHITESPACE = 0x100;
    /** The category bits. */
    static final int CATEGORY_MASK = 0xFF;

    private static final byte[] LATIN1 = new byte[256];

    static {
        for (int cp = 0; cp < 256; cp++) {
            LATIN1[cp] = (byte) category(cp);
        }
    }

    private UnicodeFlags() {
    }

    /** The flags of a code point: its category bit, plus {@link #WHITESPACE} where it applies. */
    static int of(int cp) {
        int flags = cp < 256 ? LATIN1[cp] & 0xFF : category(cp);
        return isWhitespace(cp) ? flags | WHITESPACE : flags;
    }

    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    private static int category(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER:
                return LETTER;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK:
                return MARK;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return NUMBER;
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return SEPARATOR;
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE:
                return CONTROL;
            case Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.CONNECTOR_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION:
                return PUNCTUATION;
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return SYMBOL;
            default:
                return UNDEFINED;
        }
    }
}
