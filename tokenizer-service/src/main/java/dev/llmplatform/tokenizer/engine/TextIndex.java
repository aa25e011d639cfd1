package dev.llmplatform.tokenizer.engine;

import dev.llmplatform.gguf.WellFormedText;

/**
 * Index conversions for one text: code point index to UTF-16 index, UTF-16 index to UTF-8 byte index, and
 * UTF-8 byte index to UTF-16 index (rounded to a character boundary).
 */
public final class TextIndex {

    private final int[] utf16OfCodePoint;
    private final int[] byteOfUtf16;
    private final String text;

    /** Builds the tables for {@code text} (linear time and memory). */
    public TextIndex(String text) {
        this.text = text;
        int codePoints = text.codePointCount(0, text.length());
        utf16OfCodePoint = new int[codePoints + 1];
        byteOfUtf16 = new int[text.length() + 1];
        int cp = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int units = Character.charCount(c);
            utf16OfCodePoint[cp++] = i;
            for (int k = 0; k < units; k++) {
                byteOfUtf16[i + k] = bytes;
            }
            bytes += utf8Length(c);
            i += units;
        }
        utf16OfCodePoint[cp] = text.length();
        byteOfUtf16[text.length()] = bytes;
    }

    /** The UTF-16 index of a code point index, clamped to the text. */
    public int utf16OfCodePoint(int codePoint) {
        return utf16OfCodePoint[Math.max(0, Math.min(codePoint, utf16OfCodePoint.length - 1))];
    }

    /** The UTF-8 byte index of a UTF-16 index. */
    public int byteOfUtf16(int utf16) {
        return byteOfUtf16[Math.max(0, Math.min(utf16, byteOfUtf16.length - 1))];
    }

    /** The UTF-16 index where the character holding UTF-8 byte {@code b} starts. */
    public int utf16StartOfByte(int b) {
        int j = firstAbove(b) - 1;
        while (j > 0 && byteOfUtf16[j - 1] == byteOfUtf16[j]) {
            j--;
        }
        return Math.max(j, 0);
    }

    /** The first UTF-16 index whose character starts at or after UTF-8 byte {@code b} (an end boundary). */
    public int utf16EndOfByte(int b) {
        int lo = 0;
        int hi = byteOfUtf16.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byteOfUtf16[mid] >= b) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private int firstAbove(int b) {
        int lo = 0;
        int hi = byteOfUtf16.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byteOfUtf16[mid] > b) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The length of the text in UTF-8 bytes. */
    public int byteLength() {
        return byteOfUtf16[text.length()];
    }

    /** UTF-8 length of a code point (a lone surrogate counts as the 3 bytes of U+FFFD). */
    public static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /** UTF-8 length of a string without allocating its bytes. */
    public static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += utf8Length(c);
            }
        }
        return bytes;
    }

    /** Replaces lone surrogates with U+FFFD (same UTF-16 length), so every engine sees well-formed text. */
    public static String withoutLoneSurrogates(String text) {
        return WellFormedText.withoutLoneSurrogates(text);
    }
}
