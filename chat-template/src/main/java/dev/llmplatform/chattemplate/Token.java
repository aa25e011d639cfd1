package dev.llmplatform.chattemplate;

/** A lexer token: template text, a tag delimiter, or an expression token inside a tag. */
record Token(Kind kind, String text, Object value, int line) {

    enum Kind {
        TEXT, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INT, FLOAT, OP, EOF
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String op) {
        return is(Kind.OP, op);
    }

    boolean isName(String name) {
        return is(Kind.NAME, name);
    }

    /** How jinja2 describes the token in "expected ..." messages, quoted. */
    String describe() {
        return "'" + switch (kind) {
            case EOF -> "end of template";
            case VAR_END -> "end of print statement";
            case BLOCK_END -> "end of statement block";
            case STRING -> "string";
            case INT -> "integer";
            case FLOAT -> "float";
            default -> text;
        } + "'";
    }
}
