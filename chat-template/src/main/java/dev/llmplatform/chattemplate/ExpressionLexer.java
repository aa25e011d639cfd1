package dev.llmplatform.chattemplate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokenizes the inside of one {@code {% %}} or {@code {{ }}} tag: names, literals and operators, as jinja2 does. */
final class ExpressionLexer {

    private static final Pattern FLOAT = Pattern.compile(
            "(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?[eE][+\\-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)");
    private static final Pattern INTEGER = Pattern.compile(
            "0[bB](_?[01])+|0[oO](_?[0-7])+|0[xX](_?[0-9a-fA-F])+|[1-9](_?\\d)*|0(_?0)*");
    private static final List<String> OPERATORS = List.of("//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*",
            "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";");

    private final Lexer lexer;
    private final String src;
    private final boolean block;
    private final Deque<Character> brackets = new ArrayDeque<>();

    ExpressionLexer(Lexer lexer, boolean block) {
        this.lexer = lexer;
        this.src = lexer.source();
        this.block = block;
    }

    void lexTag() {
        lexer.add(block ? Token.Kind.BLOCK_BEGIN : Token.Kind.VAR_BEGIN, block ? "{%" : "{{", null, lexer.line());
        int i = lexer.position();
        while (true) {
            if (brackets.isEmpty()) {
                int end = block ? lexer.endOfBlockTag(i) : lexer.endOfVariableTag(i);
                if (end >= 0) {
                    int tokenLine = lineAt(i);
                    lexer.moveTo(end, src.charAt(end - 1) == '\n');
                    lexer.add(block ? Token.Kind.BLOCK_END : Token.Kind.VAR_END, block ? "%}" : "}}", null,
                            tokenLine);
                    return;
                }
            }
            if (i >= src.length()) {
                lexer.moveTo(i, false);
                throw new TemplateSyntaxException("unexpected end of template, expected '"
                        + (block ? "%}" : "}}") + "'", lexer.line());
            }
            char c = src.charAt(i);
            if (PyStr.isSpace(c)) {
                i = lexer.skipSpace(i);
                continue;
            }
            int tokenLine = lineAt(i);
            int next = lexToken(i, tokenLine);
            if (next < 0) {
                throw new TemplateSyntaxException("unexpected char " + Py.repr(String.valueOf(c)) + " at " + i,
                        tokenLine);
            }
            i = next;
        }
    }

    private int lineAt(int i) {
        return lexer.line() + Lexer.count(src.substring(lexer.position(), i), '\n');
    }

    /** Lexes one token at {@code i}; returns the position after it, or -1 when nothing matches. */
    private int lexToken(int i, int tokenLine) {
        char c = src.charAt(i);
        if (Character.isDigit(c)) {
            if (i == 0 || src.charAt(i - 1) != '.') {
                Matcher m = FLOAT.matcher(src).region(i, src.length());
                if (m.lookingAt()) {
                    String text = m.group();
                    lexer.add(Token.Kind.FLOAT, text, Double.parseDouble(text.replace("_", "")), tokenLine);
                    return m.end();
                }
            }
            Matcher m = INTEGER.matcher(src).region(i, src.length());
            if (m.lookingAt()) {
                String text = m.group();
                lexer.add(Token.Kind.INT, text, parseInteger(text, tokenLine), tokenLine);
                return m.end();
            }
        }
        int cp = src.codePointAt(i);
        if (cp == '_' || Character.isUnicodeIdentifierStart(cp)) {
            int j = i + Character.charCount(cp);
            while (j < src.length()) {
                int part = src.codePointAt(j);
                if (part != '_' && !Character.isUnicodeIdentifierPart(part)) {
                    break;
                }
                j += Character.charCount(part);
            }
            String name = src.substring(i, j);
            lexer.add(Token.Kind.NAME, name, name, tokenLine);
            return j;
        }
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < src.length() && src.charAt(j) != c) {
                j += src.charAt(j) == '\\' ? 2 : 1;
            }
            if (j < src.length()) {
                String raw = src.substring(i + 1, j);
                lexer.add(Token.Kind.STRING, src.substring(i, j + 1), StringEscapes.unescape(raw, tokenLine),
                        tokenLine);
                return j + 1;
            }
            return -1;
        }
        for (String op : OPERATORS) {
            if (src.startsWith(op, i)) {
                balance(op, tokenLine);
                lexer.add(Token.Kind.OP, op, op, tokenLine);
                return i + op.length();
            }
        }
        return -1;
    }

    private void balance(String op, int tokenLine) {
        switch (op) {
            case "{" -> brackets.push('}');
            case "(" -> brackets.push(')');
            case "[" -> brackets.push(']');
            case "}", ")", "]" -> {
                if (brackets.isEmpty()) {
                    throw new TemplateSyntaxException("unexpected '" + op + "'", tokenLine);
                }
                char expected = brackets.pop();
                if (expected != op.charAt(0)) {
                    throw new TemplateSyntaxException("unexpected '" + op + "', expected '" + expected + "'",
                            tokenLine);
                }
            }
            default -> {
            }
        }
    }

    private static long parseInteger(String text, int line) {
        String digits = text.replace("_", "");
        int radix = 10;
        if (digits.length() > 1 && digits.charAt(0) == '0' && Character.isLetter(digits.charAt(1))) {
            radix = switch (Character.toLowerCase(digits.charAt(1))) {
                case 'b' -> 2;
                case 'o' -> 8;
                default -> 16;
            };
            digits = digits.substring(2);
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new TemplateSyntaxException("integer literal " + text + " is too large", line);
        }
    }
}
