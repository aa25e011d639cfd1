package dev.llmplatform.chattemplate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The primary expressions of jinja2's grammar (names, literals, lists, dicts, parenthesized tuples) and their postfix
 * operations: {@code .attr}, {@code [key]} and slices, calls, {@code | filter} and {@code is test}.
 */
abstract class PostfixParser {

    static final int MAX_NESTING = 200;

    private static final Set<String> TEST_ARG_STOP = Set.of("else", "or", "and");

    final TokenStream stream;
    /** Inside an {@code if} (jinja2's "soft frame"): unknown filters and tests fail only when they run. */
    boolean soft;
    private int depth;
    /** Names referenced inside the macro bodies being parsed (to know which use varargs, kwargs, caller). */
    final Deque<Set<String>> referencedNames = new ArrayDeque<>();

    PostfixParser(TokenStream stream) {
        this.stream = stream;
    }

    /** jinja2's {@code parse_expression}: a full expression, conditional expressions included. */
    abstract Expr parseExpression();

    /** jinja2's {@code parse_tuple}: one expression, or a tuple when there are commas. */
    abstract Expr parseTuple(boolean withCondexpr, Set<String> extraEndNames, boolean explicitParentheses);

    void enter() {
        if (++depth > MAX_NESTING) {
            throw stream.fail("expression nested too deeply (more than " + MAX_NESTING + " levels)");
        }
    }

    void leave() {
        depth--;
    }

    Expr parsePrimary() {
        Token t = stream.current();
        switch (t.kind()) {
            case NAME -> {
                stream.next();
                return switch (t.text()) {
                    case "true", "True" -> new Expr.Const(Boolean.TRUE, t.line());
                    case "false", "False" -> new Expr.Const(Boolean.FALSE, t.line());
                    case "none", "None" -> new Expr.Const(null, t.line());
                    default -> {
                        referencedNames.forEach(names -> names.add(t.text()));
                        yield new Expr.Name(t.text(), t.line());
                    }
                };
            }
            case STRING -> {
                StringBuilder joined = new StringBuilder();
                while (stream.current().kind() == Token.Kind.STRING) {
                    joined.append((String) stream.next().value());
                }
                return new Expr.Const(joined.toString(), t.line());
            }
            case INT, FLOAT -> {
                stream.next();
                return new Expr.Const(t.value(), t.line());
            }
            case OP -> {
                if (t.isOp("(")) {
                    stream.next();
                    Expr inner = parseTuple(true, Set.of(), true);
                    stream.expectOp(")");
                    return inner;
                }
                if (t.isOp("[")) {
                    return parseList();
                }
                if (t.isOp("{")) {
                    return parseDict();
                }
            }
            default -> {
            }
        }
        throw stream.fail("unexpected " + t.describe());
    }

    private Expr parseList() {
        int line = stream.expectOp("[").line();
        List<Expr> items = new ArrayList<>();
        while (!stream.current().isOp("]")) {
            if (!items.isEmpty()) {
                stream.expectOp(",");
            }
            if (stream.current().isOp("]")) {
                break;
            }
            items.add(parseExpression());
        }
        stream.expectOp("]");
        return new Expr.ListLit(List.copyOf(items), line);
    }

    private Expr parseDict() {
        int line = stream.expectOp("{").line();
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!stream.current().isOp("}")) {
            if (!keys.isEmpty()) {
                stream.expectOp(",");
            }
            if (stream.current().isOp("}")) {
                break;
            }
            keys.add(parseExpression());
            stream.expectOp(":");
            values.add(parseExpression());
        }
        stream.expectOp("}");
        return new Expr.DictLit(List.copyOf(keys), List.copyOf(values), line);
    }

    Expr parsePostfix(Expr node) {
        while (true) {
            Token t = stream.current();
            if (t.isOp(".") || t.isOp("[")) {
                node = parseSubscript(node);
            } else if (t.isOp("(")) {
                node = new Expr.Call(node, parseCallArgs(), t.line());
            } else {
                return node;
            }
        }
    }

    Expr parseFilterExpr(Expr node) {
        while (true) {
            Token t = stream.current();
            if (t.isOp("|")) {
                node = parseFilter(node, false);
            } else if (t.isName("is")) {
                node = parseTest(node);
            } else if (t.isOp("(")) {
                node = new Expr.Call(node, parseCallArgs(), t.line());
            } else {
                return node;
            }
        }
    }

    private Expr parseSubscript(Expr node) {
        Token t = stream.next();
        if (t.isOp(".")) {
            Token attr = stream.next();
            if (attr.kind() == Token.Kind.NAME) {
                return new Expr.GetAttr(node, attr.text(), t.line());
            }
            if (attr.kind() != Token.Kind.INT) {
                throw new TemplateSyntaxException("expected name or number", attr.line());
            }
            return new Expr.GetItem(node, new Expr.Const(attr.value(), attr.line()), t.line());
        }
        List<Expr> args = new ArrayList<>();
        while (!stream.current().isOp("]")) {
            if (!args.isEmpty()) {
                stream.expectOp(",");
            }
            args.add(parseSubscribed());
        }
        stream.expectOp("]");
        Expr key = args.size() == 1 ? args.get(0) : new Expr.TupleLit(List.copyOf(args), t.line());
        return new Expr.GetItem(node, key, t.line());
    }

    private Expr parseSubscribed() {
        int line = stream.current().line();
        Expr start = null;
        if (stream.current().isOp(":")) {
            stream.next();
        } else {
            Expr node = parseExpression();
            if (!stream.current().isOp(":")) {
                return node;
            }
            stream.next();
            start = node;
        }
        Expr stop = null;
        if (!stream.current().isOp(":") && !stream.current().isOp("]") && !stream.current().isOp(",")) {
            stop = parseExpression();
        }
        Expr step = null;
        if (stream.current().isOp(":")) {
            stream.next();
            if (!stream.current().isOp("]") && !stream.current().isOp(",")) {
                step = parseExpression();
            }
        }
        return new Expr.Slice(start, stop, step, line);
    }

    Expr.CallArgs parseCallArgs() {
        stream.expectOp("(");
        List<Expr> positional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        Expr starArgs = null;
        Expr starKwargs = null;
        boolean requireComma = false;
        while (!stream.current().isOp(")")) {
            if (requireComma) {
                stream.expectOp(",");
                if (stream.current().isOp(")")) {
                    break;
                }
            }
            if (stream.current().isOp("*")) {
                ensure(starArgs == null && starKwargs == null);
                stream.next();
                starArgs = parseExpression();
            } else if (stream.current().isOp("**")) {
                ensure(starKwargs == null);
                stream.next();
                starKwargs = parseExpression();
            } else if (stream.current().kind() == Token.Kind.NAME && stream.look().isOp("=")) {
                ensure(starKwargs == null);
                String name = stream.next().text();
                stream.next();
                if (names.contains(name)) {
                    throw stream.fail("keyword argument repeated: " + name);
                }
                names.add(name);
                values.add(parseExpression());
            } else {
                ensure(starArgs == null && starKwargs == null && names.isEmpty());
                positional.add(parseExpression());
            }
            requireComma = true;
        }
        stream.expectOp(")");
        return new Expr.CallArgs(List.copyOf(positional), List.copyOf(names), List.copyOf(values), starArgs,
                starKwargs);
    }

    private void ensure(boolean valid) {
        if (!valid) {
            throw stream.fail("invalid syntax for function call expression");
        }
    }

    /** {@code | name(args)}, repeated; {@code inline} when the first filter has no leading pipe. */
    Expr.Filter parseFilter(Expr operand, boolean inline) {
        Expr node = operand;
        do {
            if (!inline) {
                stream.next();
            }
            inline = false;
            Token nameToken = stream.expect(Token.Kind.NAME);
            String name = dottedName(nameToken.text());
            Filters.Filter filter = Filters.lookup(name);
            if (filter == null && !soft) {
                throw new TemplateSyntaxException(Filters.unknownMessage(name), nameToken.line());
            }
            Expr.CallArgs args = stream.current().isOp("(") ? parseCallArgs() : Expr.CallArgs.NONE;
            node = new Expr.Filter(node, name, filter, args, nameToken.line());
        } while (stream.current().isOp("|"));
        return (Expr.Filter) node;
    }

    private Expr parseTest(Expr operand) {
        int line = stream.next().line();
        boolean negated = stream.skipName("not");
        Token nameToken = stream.expect(Token.Kind.NAME);
        String name = dottedName(nameToken.text());
        JinjaTests.Test test = JinjaTests.lookup(name);
        if (test == null && !soft) {
            throw new TemplateSyntaxException(JinjaTests.unknownMessage(name), nameToken.line());
        }
        Expr.CallArgs args = Expr.CallArgs.NONE;
        Token t = stream.current();
        if (t.isOp("(")) {
            args = parseCallArgs();
        } else if ((t.kind() == Token.Kind.NAME || t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.INT
                || t.kind() == Token.Kind.FLOAT || t.isOp("[") || t.isOp("{"))
                && !(t.kind() == Token.Kind.NAME && TEST_ARG_STOP.contains(t.text()))) {
            if (t.isName("is")) {
                throw stream.fail("You cannot chain multiple tests with is");
            }
            Expr arg = parsePostfix(parsePrimary());
            args = new Expr.CallArgs(List.of(arg), List.of(), List.of(), null, null);
        }
        Expr node = new Expr.Test(operand, name, test, args, line);
        return negated ? new Expr.Unary(Expr.UnaryOp.NOT, node, line) : node;
    }

    private String dottedName(String first) {
        StringBuilder name = new StringBuilder(first);
        while (stream.current().isOp(".")) {
            stream.next();
            name.append('.').append(stream.expect(Token.Kind.NAME).text());
        }
        return name.toString();
    }
}
