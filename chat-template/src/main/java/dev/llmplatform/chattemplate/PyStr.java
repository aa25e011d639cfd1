package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python {@code str} semantics on Java strings: indices and lengths count code points, not UTF-16 units. */
final class PyStr {

    private PyStr() {
    }

    /** Python's {@code str.isspace()} for one code point. */
    static boolean isSpace(int cp) {
        return (cp >= '\t' && cp <= '\r') || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f
                || cp == 0x205f || cp == 0x3000;
    }

    /** Python's {@code str.isprintable()} for one code point (no control, format, separator except space...). */
    static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    static boolean isCased(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
    }

    private static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static int length(String s) {
        return hasSurrogates(s) ? s.codePointCount(0, s.length()) : s.length();
    }

    /** The code points of {@code s}. */
    static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }

    static String fromCodePoints(int[] cps, int from, int to) {
        return new String(cps, from, to - from);
    }

    /** Code point order, as Python compares strings. */
    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The code point index of the UTF-16 index {@code charIndex}. */
    static int toCodePointIndex(String s, int charIndex) {
        return s.codePointCount(0, charIndex);
    }

    /** The UTF-16 index of the code point index {@code cpIndex} (clamped to the string). */
    static int toCharIndex(String s, int cpIndex) {
        int index = 0;
        for (int n = 0; n < cpIndex && index < s.length(); n++) {
            index += Character.charCount(s.codePointAt(index));
        }
        return index;
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int[] range = stripRange(s, chars, left, right);
        return s.substring(range[0], range[1]);
    }

    /**
     * The UTF-16 range {@code [start, end)} of {@code s} that {@code strip} keeps: code points in {@code chars}
     * (whitespace when null) removed from the left and/or the right.
     */
    static int[] stripRange(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        if (left) {
            while (start < end) {
                int cp = s.codePointAt(start);
                if (!stripped(cp, chars)) {
                    break;
                }
                start += Character.charCount(cp);
            }
        }
        if (right) {
            while (end > start) {
                int cp = s.codePointBefore(end);
                if (!stripped(cp, chars)) {
                    break;
                }
                end -= Character.charCount(cp);
            }
        }
        return new int[] {start, end};
    }

    private static boolean stripped(int cp, String chars) {
        return chars == null ? isSpace(cp) : chars.indexOf(new String(Character.toChars(cp))) >= 0;
    }

    /** {@code str.split(sep, maxsplit)}; {@code sep == null} splits on runs of whitespace. */
    static List<Object> split(String s, String sep, long maxsplit) {
        List<Object> parts = new ArrayList<>();
        if (sep == null) {
            int[] cps = codePoints(s);
            int i = 0;
            while (true) {
                while (i < cps.length && isSpace(cps[i])) {
                    i++;
                }
                if (i >= cps.length) {
                    break;
                }
                if (maxsplit >= 0 && parts.size() == maxsplit) {
                    parts.add(fromCodePoints(cps, i, cps.length));
                    break;
                }
                int start = i;
                while (i < cps.length && !isSpace(cps[i])) {
                    i++;
                }
                parts.add(fromCodePoints(cps, start, i));
            }
            return parts;
        }
        if (sep.isEmpty()) {
            throw PyException.value("empty separator");
        }
        int from = 0;
        while (maxsplit < 0 || parts.size() < maxsplit) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                break;
            }
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** {@code str.rsplit(sep, maxsplit)}. */
    static List<Object> rsplit(String s, String sep, long maxsplit) {
        if (maxsplit < 0) {
            return split(s, sep, maxsplit);
        }
        List<Object> reversedParts = new ArrayList<>();
        if (sep == null) {
            String rest = strip(s, null, false, true);
            while (!rest.isEmpty()) {
                if (reversedParts.size() == maxsplit) {
                    reversedParts.add(rest);
                    break;
                }
                int[] cps = codePoints(rest);
                int end = cps.length;
                int start = end;
                while (start > 0 && !isSpace(cps[start - 1])) {
                    start--;
                }
                reversedParts.add(fromCodePoints(cps, start, end));
                rest = strip(fromCodePoints(cps, 0, start), null, false, true);
            }
        } else {
            if (sep.isEmpty()) {
                throw PyException.value("empty separator");
            }
            int to = s.length();
            while (reversedParts.size() < maxsplit) {
                int at = s.lastIndexOf(sep, to - sep.length());
                if (at < 0) {
                    break;
                }
                reversedParts.add(s.substring(at + sep.length(), to));
                to = at;
            }
            reversedParts.add(s.substring(0, to));
        }
        List<Object> parts = new ArrayList<>(reversedParts.size());
        for (int i = reversedParts.size() - 1; i >= 0; i--) {
            parts.add(reversedParts.get(i));
        }
        return parts;
    }

    /** {@code str.splitlines(keepends)}, with Python's set of line boundaries. */
    static List<Object> splitlines(String s, boolean keepends) {
        List<Object> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int eol = i;
            boolean boundary = c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e)
                    || c == 0x85 || c == 0x2028 || c == 0x2029;
            if (!boundary) {
                i++;
                continue;
            }
            i += (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') ? 2 : 1;
            lines.add(s.substring(start, keepends ? i : eol));
            start = i;
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Python's {@code str.title()}: a cased character after an uncased one is title-cased, the rest lowered. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (previousCased) {
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            } else {
                out.appendCodePoint(Character.toTitleCase(cp));
            }
            previousCased = isCased(cp);
        }
        return out.toString();
    }

    /** Python's {@code str.capitalize()}: first character title-cased, the rest lowered. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int n = Character.charCount(first);
        return new String(Character.toChars(Character.toTitleCase(first))) + lower(s.substring(n));
    }

    /** Python's {@code str.replace(old, new, count)}, including the empty {@code old} case. */
    static String replace(String s, String old, String replacement, long count) {
        if (count == 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        long done = 0;
        if (old.isEmpty()) {
            int i = 0;
            while (i <= s.length()) {
                if (count < 0 || done < count) {
                    out.append(replacement);
                    done++;
                }
                if (i == s.length()) {
                    break;
                }
                int cp = s.codePointAt(i);
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            return out.toString();
        }
        int from = 0;
        while (count < 0 || done < count) {
            int at = s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            out.append(s, from, at).append(replacement);
            from = at + old.length();
            done++;
        }
        return out.append(s, from, s.length()).toString();
    }

    /** Python {@code str.isdigit()/isalpha()/...} style test over all code points; false for "". */
    static boolean all(String s, java.util.function.IntPredicate test) {
        return !s.isEmpty() && s.codePoints().allMatch(test);
    }
}
