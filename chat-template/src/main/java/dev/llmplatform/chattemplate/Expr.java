package dev.llmplatform.chattemplate;

import java.util.List;

/** Template expressions. */
sealed interface Expr {

    int line();

    record Const(Object value, int line) implements Expr {
    }

    record Name(String name, int line) implements Expr {
    }

    record ListLit(List<Expr> items, int line) implements Expr {
    }

    record TupleLit(List<Expr> items, int line) implements Expr {
    }

    record DictLit(List<Expr> keys, List<Expr> values, int line) implements Expr {
    }

    /** {@code obj.name}: attribute first, then item (jinja2's {@code getattr}). */
    record GetAttr(Expr object, String name, int line) implements Expr {
    }

    /** {@code obj[key]}: item first, then attribute for string keys (jinja2's {@code getitem}). */
    record GetItem(Expr object, Expr key, int line) implements Expr {
    }

    /** {@code [start:stop:step]} inside a subscript; absent parts are null. */
    record Slice(Expr start, Expr stop, Expr step, int line) implements Expr {
    }

    enum UnaryOp { NOT, NEG, POS }

    record Unary(UnaryOp op, Expr operand, int line) implements Expr {
    }

    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), FLOOR_DIV("//"), MOD("%"), POW("**"), CONCAT("~");

        final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right, int line) implements Expr {
    }

    record And(Expr left, Expr right, int line) implements Expr {
    }

    record Or(Expr left, Expr right, int line) implements Expr {
    }

    enum CompareOp {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("not in");

        final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }
    }

    /** A comparison chain {@code a < b <= c}: {@code operands} has one more item than {@code ops}. */
    record Compare(List<Expr> operands, List<CompareOp> ops, int line) implements Expr {
    }

    /** {@code then if test else orElse}; {@code orElse} is null when absent (the result is then undefined). */
    record Conditional(Expr test, Expr then, Expr orElse, int line) implements Expr {
    }

    /** Call arguments: positional expressions and keyword expressions. */
    record CallArgs(List<Expr> positional, List<String> keywordNames, List<Expr> keywordValues, Expr starArgs,
                    Expr starKwargs) {

        static final CallArgs NONE = new CallArgs(List.of(), List.of(), List.of(), null, null);

        boolean isEmpty() {
            return positional.isEmpty() && keywordNames.isEmpty() && starArgs == null && starKwargs == null;
        }
    }

    record Call(Expr callee, CallArgs args, int line) implements Expr {
    }

    /**
     * {@code operand | name(args)}; {@code operand} is null in filter blocks and {@code set} blocks, {@code filter}
     * is null when the name is unknown inside an {@code if} (jinja2 then fails only when it runs).
     */
    record Filter(Expr operand, String name, Filters.Filter filter, CallArgs args, int line) implements Expr {
    }

    /** {@code operand is name(args)}; {@code test} is null when unknown inside an {@code if}. */
    record Test(Expr operand, String name, JinjaTests.Test test, CallArgs args, int line) implements Expr {
    }
}
