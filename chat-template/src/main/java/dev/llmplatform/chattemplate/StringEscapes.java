package dev.llmplatform.chattemplate;

/** Decodes the backslash escapes of a template string literal the way Python's {@code unicode-escape} does. */
final class StringEscapes {

    private StringEscapes() {
    }

    static String unescape(String raw, int line) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case '\n' -> {
                }
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x' -> i = hex(raw, i, 2, out, line);
                case 'u' -> i = hex(raw, i, 4, out, line);
                case 'U' -> i = hex(raw, i, 8, out, line);
                case 'N' -> i = named(raw, i, out, line);
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < raw.length() && end < i + 3 && raw.charAt(end) >= '0' && raw.charAt(end) <= '7') {
                            end++;
                        }
                        out.append((char) Integer.parseInt(raw.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int hex(String raw, int at, int digits, StringBuilder out, int line) {
        int start = at + 1;
        int end = start + digits;
        if (end > raw.length() || !raw.substring(start, end).chars().allMatch(StringEscapes::isHex)) {
            throw new TemplateSyntaxException("truncated \\" + raw.charAt(at) + " escape in string literal", line);
        }
        int cp = (int) Long.parseLong(raw.substring(start, end), 16);
        if (!Character.isValidCodePoint(cp)) {
            throw new TemplateSyntaxException("illegal Unicode character in string literal", line);
        }
        out.appendCodePoint(cp);
        return end - 1;
    }

    private static int named(String raw, int at, StringBuilder out, int line) {
        int close = raw.indexOf('}', at);
        if (at + 1 >= raw.length() || raw.charAt(at + 1) != '{' || close < 0) {
            throw new TemplateSyntaxException("malformed \\N character escape in string literal", line);
        }
        try {
            out.appendCodePoint(Character.codePointOf(raw.substring(at + 2, close)));
        } catch (IllegalArgumentException e) {
            throw new TemplateSyntaxException("unknown Unicode character name in string literal", line);
        }
        return close;
    }

    private static boolean isHex(int c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
