package dev.llmplatform.chattemplate;

import java.util.List;

/** Template statements: the parsed form of text, {@code {{ }}} and {@code {% %}} tags. */
sealed interface Node {

    int line();

    /** Literal template text. */
    record Text(String text, int line) implements Node {
    }

    /** {@code {{ expr }}}. */
    record Print(Expr expr, int line) implements Node {
    }

    /** {@code if / elif / else}: the first branch whose condition is true runs, else {@code orElse}. */
    record If(List<Branch> branches, List<Node> orElse, int line) implements Node {
    }

    record Branch(Expr condition, List<Node> body) {
    }

    /** {@code for target in iterable [if filter]} with an optional {@code else} for an empty loop. */
    record For(Target target, Expr iterable, Expr filter, List<Node> body, List<Node> orElse, int line)
            implements Node {
    }

    /** {@code set target = value}. */
    record Set(Target target, Expr value, int line) implements Node {
    }

    /** {@code set target [| filters] %}body{% endset}: the rendered body, filtered, is assigned. */
    record SetBlock(Target target, List<Expr.Filter> filters, List<Node> body, int line) implements Node {
    }

    /** {@code macro name(params)}. */
    record MacroDef(String name, Signature signature, List<Node> body, int line) implements Node {
    }

    /**
     * A macro's parameters, and whether its body uses {@code varargs}, {@code kwargs} and {@code caller}: only then
     * does it accept extra positional or keyword arguments, or a caller (as in jinja2).
     */
    record Signature(List<Param> params, boolean catchVarargs, boolean catchKwargs, boolean usesCaller) {

        boolean hasCallerParam() {
            return params.stream().anyMatch(p -> p.name().equals("caller"));
        }
    }

    /** A macro parameter; {@code defaultValue} is null when it has none. */
    record Param(String name, Expr defaultValue) {
    }

    /** {@code call(params) macro(args)}: calls the macro with a {@code caller} that renders the body. */
    record CallBlock(Expr.Call call, Signature callerSignature, List<Node> body, int line) implements Node {
    }

    /** {@code filter name(args) | ...}: renders the body and applies the filters. */
    record FilterBlock(List<Expr.Filter> filters, List<Node> body, int line) implements Node {
    }

    /** {@code with a = 1, b = 2}: a scope for the body. */
    record With(List<Target> targets, List<Expr> values, List<Node> body, int line) implements Node {
    }

    /** A body rendered as it is ({@code generation} blocks). */
    record Block(List<Node> body, int line) implements Node {
    }

    record Break(int line) implements Node {
    }

    record Continue(int line) implements Node {
    }

    /** Where a value is assigned: a name, {@code ns.attr}, or a tuple of targets. */
    sealed interface Target {
    }

    record NameTarget(String name) implements Target {
    }

    record AttrTarget(String object, String attribute) implements Target {
    }

    record TupleTarget(List<Target> items) implements Target {
    }
}
