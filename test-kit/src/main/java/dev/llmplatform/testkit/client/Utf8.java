package dev.llmplatform.testkit.client;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no truncation. */
public final class Utf8 {

    private Utf8() {
    }

    /** Whether the bytes are well-formed UTF-8. */
    public static boolean isValid(byte[] bytes) {
        return isValid(bytes, 0, bytes.length);
    }

    /** Whether {@code bytes[from, to)} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int lowSecond = 0x80;
            int highSecond = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                if (b == 0xE0) {
                    lowSecond = 0xA0; // overlong otherwise
                } else if (b == 0xED) {
                    highSecond = 0x9F; // surrogates otherwise
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                if (b == 0xF0) {
                    lowSecond = 0x90; // overlong otherwise
                } else if (b == 0xF4) {
                    highSecond = 0x8F; // above U+10FFFF otherwise
                }
            } else {
                return false; // continuation byte first, C0/C1 overlong leads, F5..FF
            }
            if (i + length > to) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < lowSecond || second > highSecond) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                int c = bytes[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }
}
