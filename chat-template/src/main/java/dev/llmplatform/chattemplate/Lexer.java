package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template source into text and tags the way jinja2's lexer does with {@code trim_blocks=True} and
 * {@code lstrip_blocks=True}: newlines normalized and one trailing newline dropped; {@code -} strips all whitespace
 * on its side of a tag, {@code +} keeps it; a block or comment tag removes the first newline after it and the spaces
 * and tabs before it on its line; {@code {% raw %}} bodies stay text. Tag contents go to {@link ExpressionLexer}.
 */
final class Lexer {

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private boolean lineStarting = true;

    private Lexer(String source) {
        String normalized = source.replace("\r\n", "\n").replace('\r', '\n');
        if (normalized.endsWith("\n")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        this.src = normalized;
    }

    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < src.length()) {
            int tag = nextTagStart(pos);
            if (tag < 0) {
                emitText(src.substring(pos));
                break;
            }
            char type = src.charAt(tag + 1);
            int afterDelimiter = tag + 2;
            char sign = afterDelimiter < src.length() && (src.charAt(afterDelimiter) == '-'
                    || src.charAt(afterDelimiter) == '+') ? src.charAt(afterDelimiter) : 0;
            int rawEnd = type == '%' ? matchRawBegin(tag) : -1;
            String text = src.substring(pos, tag);
            int textLine = line;
            line += count(text, '\n');
            emitText(applyStrip(text, sign, type != '{'), textLine);
            pos = afterDelimiter + (sign != 0 ? 1 : 0);
            if (rawEnd >= 0) {
                pos = rawEnd;
                lineStarting = src.charAt(pos - 1) == '\n';
                lexRawBody();
            } else if (type == '#') {
                lexComment();
            } else {
                new ExpressionLexer(this, type == '%').lexTag();
            }
        }
        tokens.add(new Token(Token.Kind.EOF, "", null, line));
    }

    private int nextTagStart(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char next = src.charAt(i + 1);
            if (next == '{' || next == '%' || next == '#') {
                return i;
            }
        }
        return -1;
    }

    /** The end of a {@code {% raw %}} tag starting at {@code tag}, or -1 when the tag is something else. */
    private int matchRawBegin(int tag) {
        int i = tag + 2;
        if (i < src.length() && (src.charAt(i) == '-' || src.charAt(i) == '+')) {
            i++;
        }
        i = skipSpace(i);
        if (!src.startsWith("raw", i)) {
            return -1;
        }
        i = skipSpace(i + 3);
        if (src.startsWith("-%}", i)) {
            return skipSpace(i + 3);
        }
        return src.startsWith("%}", i) ? i + 2 : -1;
    }

    private void lexRawBody() {
        int startLine = line;
        for (int i = src.indexOf("{%", pos); i >= 0; i = src.indexOf("{%", i + 1)) {
            int j = i + 2;
            char sign = j < src.length() && (src.charAt(j) == '-' || src.charAt(j) == '+') ? src.charAt(j) : 0;
            j = skipSpace(sign != 0 ? j + 1 : j);
            if (!src.startsWith("endraw", j)) {
                continue;
            }
            j = skipSpace(j + 6);
            int end = endOfBlockTag(j);
            if (end < 0) {
                continue;
            }
            String body = src.substring(pos, i);
            line += count(src.substring(pos, end), '\n');
            emitText(applyStrip(body, sign, true), startLine);
            lineStarting = src.charAt(end - 1) == '\n';
            pos = end;
            return;
        }
        throw new TemplateSyntaxException("Missing end of raw directive", line);
    }

    private void lexComment() {
        int close = src.indexOf("#}", pos);
        if (close < 0) {
            throw new TemplateSyntaxException("Missing end of comment tag", line);
        }
        int start = close > pos && (src.charAt(close - 1) == '-' || src.charAt(close - 1) == '+') ? close - 1 : close;
        int end = close + 2;
        if (src.charAt(start) == '-') {
            end = skipSpace(end);
        } else if (src.charAt(start) != '+' && end < src.length() && src.charAt(end) == '\n') {
            end++;
        }
        line += count(src.substring(pos, end), '\n');
        lineStarting = src.charAt(end - 1) == '\n';
        pos = end;
    }

    /**
     * The end of a block tag's closing delimiter at {@code i} ({@code +%}}, {@code -%}} plus whitespace, or
     * {@code %}} plus one newline), or -1 when there is none at {@code i}.
     */
    int endOfBlockTag(int i) {
        if (src.startsWith("+%}", i)) {
            return i + 3;
        }
        if (src.startsWith("-%}", i)) {
            return skipSpace(i + 3);
        }
        if (src.startsWith("%}", i)) {
            return i + 2 < src.length() && src.charAt(i + 2) == '\n' ? i + 3 : i + 2;
        }
        return -1;
    }

    /** The end of a print tag's closing delimiter at {@code i}, or -1. */
    int endOfVariableTag(int i) {
        if (src.startsWith("-}}", i)) {
            return skipSpace(i + 3);
        }
        return src.startsWith("}}", i) ? i + 2 : -1;
    }

    private String applyStrip(String text, char sign, boolean blockOrComment) {
        if (sign == '-') {
            return PyStr.strip(text, null, false, true);
        }
        if (sign != '+' && blockOrComment) {
            int lineStart = text.lastIndexOf('\n') + 1;
            if ((lineStart > 0 || lineStarting) && lineStart < text.length() && allSpace(text, lineStart)) {
                return text.substring(0, lineStart);
            }
        }
        return text;
    }

    private static boolean allSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!PyStr.isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    int skipSpace(int i) {
        while (i < src.length() && PyStr.isSpace(src.charAt(i))) {
            i++;
        }
        return i;
    }

    private void emitText(String text) {
        int textLine = line;
        line += count(text, '\n');
        emitText(text, textLine);
    }

    private void emitText(String text, int textLine) {
        if (!text.isEmpty()) {
            tokens.add(new Token(Token.Kind.TEXT, text, text, textLine));
        }
    }

    static int count(String s, char c) {
        int n = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
            n++;
        }
        return n;
    }

    // State shared with ExpressionLexer.

    String source() {
        return src;
    }

    int position() {
        return pos;
    }

    void moveTo(int newPos, boolean endsLine) {
        line += count(src.substring(pos, newPos), '\n');
        pos = newPos;
        lineStarting = endsLine;
    }

    int line() {
        return line;
    }

    void add(Token.Kind kind, String text, Object value, int tokenLine) {
        tokens.add(new Token(kind, text, value, tokenLine));
    }
}
