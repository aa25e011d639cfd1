package dev.llmplatform.chattemplate;

import java.util.List;

/** A cursor over the lexer's tokens, with jinja2-style "expected ..." errors. */
final class TokenStream {

    private final List<Token> tokens;
    private int index;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token current() {
        return tokens.get(index);
    }

    Token look() {
        return tokens.get(Math.min(index + 1, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    boolean skipOp(String op) {
        if (current().isOp(op)) {
            next();
            return true;
        }
        return false;
    }

    boolean skipName(String name) {
        if (current().isName(name)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Token.Kind kind) {
        if (current().kind() != kind) {
            throw fail("expected token " + describe(kind) + ", got " + current().describe());
        }
        return next();
    }

    Token expectOp(String op) {
        if (!current().isOp(op)) {
            throw fail("expected token '" + op + "', got " + current().describe());
        }
        return next();
    }

    TemplateSyntaxException fail(String message) {
        return new TemplateSyntaxException(message, current().line());
    }

    private static String describe(Token.Kind kind) {
        return switch (kind) {
            case NAME -> "'name'";
            case VAR_END -> "'end of print statement'";
            case BLOCK_END -> "'end of statement block'";
            case EOF -> "'end of template'";
            default -> "'" + kind.name().toLowerCase() + "'";
        };
    }
}
