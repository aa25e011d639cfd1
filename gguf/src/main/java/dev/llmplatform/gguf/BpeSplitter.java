package dev.llmplatform.gguf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into pre-tokens the way llama.cpp's unicode_regex_split does: the GPT-2 and Llama 3 expressions by
 * hand-written matchers (ported from unicode.cpp), any other expression by a regular expression evaluated either on
 * the "collapsed" text (each non-ASCII code point replaced by a marker for its category, so that {@code \p{L}} and
 * friends become plain character classes) or, when it names no category, on the text with non-ASCII whitespace
 * replaced by U+000B. Pieces are measured in code points. Stateless and thread-safe.
 */
final class BpeSplitter {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final String[][] CATEGORIES = {
        {"\\p{N}", "\u00D10-9"},
        {"\\p{L}", "\u00D2A-Za-z"},
        {"\\p{P}", "\u00D3!-#%-*,-/:-;?-@\\[-\\]_\\{\\}"},
        {"\\p{M}", "\u00D4"},
        {"\\p{S}", "\u00D5\\$\\+<->\\^`\\|"},
    };

    private BpeSplitter() {
    }

    /** The pre-tokens of a text, in order; together they spell the text. */
    static List<String> split(String text, List<String> expressions) {
        int[] cps = text.codePoints().toArray();
        IntList pieces = new IntList();
        pieces.add(cps.length);
        for (String expression : expressions) {
            if (expression.equals(BpePreTokenizer.GPT2_SPLIT)) {
                pieces = BpeCustomSplits.gpt2(cps, pieces);
            } else if (expression.equals(BpePreTokenizer.LLAMA3_SPLIT)) {
                pieces = BpeCustomSplits.llama3(cps, pieces);
            } else {
                pieces = splitByRegex(cps, pieces, expression);
            }
        }
        List<String> words = new ArrayList<>(pieces.size());
        int start = 0;
        for (int i = 0; i < pieces.size(); i++) {
            words.add(new String(cps, start, pieces.get(i)));
            start += pieces.get(i);
        }
        return words;
    }

    private static boolean usesCategories(String expression) {
        for (String[] category : CATEGORIES) {
            if (expression.contains(category[0])) {
                return true;
            }
        }
        return false;
    }

    private static IntList splitByRegex(int[] cps, IntList pieces, String expression) {
        boolean collapsed = usesCategories(expression);
        Pattern pattern = PATTERNS.computeIfAbsent(expression,
                e -> Pattern.compile(collapsed ? collapseExpression(e) : e));
        // Text the pattern runs on, and for each of its chars the code point index it belongs to.
        StringBuilder subject = new StringBuilder(cps.length);
        int[] charToCp = new int[cps.length * 2 + 1];
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            int mapped = collapsed ? collapse(cp) : (cp > 0x7F && UnicodeFlags.isWhitespace(cp) ? 0x0B : cp);
            charToCp[subject.length()] = i;
            subject.appendCodePoint(mapped);
            if (Character.charCount(mapped) == 2) {
                charToCp[subject.length() - 1] = i;
            }
        }
        charToCp[subject.length()] = cps.length;
        int[] cpToChar = new int[cps.length + 1];
        for (int c = subject.length() - 1; c >= 0; c--) {
            cpToChar[charToCp[c]] = c;
        }
        cpToChar[cps.length] = subject.length();

        IntList result = new IntList();
        Matcher matcher = pattern.matcher(subject);
        int start = 0;
        for (int p = 0; p < pieces.size(); p++) {
            int end = start + pieces.get(p);
            matcher.region(cpToChar[start], cpToChar[end]);
            int previous = start;
            while (matcher.find()) {
                int matchStart = charToCp[matcher.start()];
                int matchEnd = charToCp[matcher.end()];
                if (matchStart > previous) {
                    result.add(matchStart - previous);
                }
                result.add(matchEnd - matchStart);
                previous = matchEnd;
            }
            if (previous < end) {
                result.add(end - previous);
            }
            start = end;
        }
        return result;
    }

    /** The marker a code point becomes in the collapsed text. */
    private static int collapse(int cp) {
        if (cp < 128) {
            return cp;
        }
        int flags = UnicodeFlags.of(cp);
        if ((flags & UnicodeFlags.WHITESPACE) != 0) {
            return 0x0B;
        }
        switch (flags & UnicodeFlags.CATEGORY_MASK) {
            case UnicodeFlags.NUMBER:
                return 0xD1;
            case UnicodeFlags.LETTER:
                return 0xD2;
            case UnicodeFlags.PUNCTUATION:
                return 0xD3;
            case UnicodeFlags.MARK:
                return 0xD4;
            case UnicodeFlags.SYMBOL:
                return 0xD5;
            default:
                return 0xD0;
        }
    }

    /** Rewrites {@code \p{X}} into the collapsed character classes, inside or outside brackets, as llama.cpp does. */
    static String collapseExpression(String expression) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '[' && (i == 0 || expression.charAt(i - 1) != '\\')) {
                out.append('[');
                inside = true;
                continue;
            }
            if (inside && c == ']' && expression.charAt(i - 1) != '\\') {
                out.append(']');
                inside = false;
                continue;
            }
            String replacement = categoryAt(expression, i);
            if (replacement != null) {
                out.append(inside ? replacement : "[" + replacement + "]");
                i += 4;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String categoryAt(String expression, int i) {
        for (String[] category : CATEGORIES) {
            if (expression.startsWith(category[0], i)) {
                return category[1];
            }
        }
        return null;
    }
}
