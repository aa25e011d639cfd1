package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the token stream into statements: {@code if}, {@code for}, {@code set}, {@code macro}, {@code call},
 * {@code filter}, {@code with}, {@code generation}, {@code break} and {@code continue} (jinja2's loopcontrols).
 */
final class Parser extends ExprParser {

    private static final Set<String> RESERVED = Set.of("true", "false", "none", "True", "False", "None");

    private int loopDepth;
    private int blockDepth;

    private Parser(List<Token> tokens) {
        super(new TokenStream(tokens));
    }

    static List<Node> parse(String source) {
        Parser parser = new Parser(Lexer.tokenize(source));
        List<Node> body = parser.subparse(Set.of(), null);
        if (parser.stream.current().kind() != Token.Kind.EOF) {
            throw parser.stream.fail("unexpected " + parser.stream.current().describe());
        }
        return body;
    }

    /**
     * Parses until one of {@code endNames} starts a block tag (left as the current token) or, with no end names,
     * until the end of the template.
     */
    private List<Node> subparse(Set<String> endNames, String innermost) {
        List<Node> body = new ArrayList<>();
        while (true) {
            Token t = stream.current();
            switch (t.kind()) {
                case TEXT -> {
                    stream.next();
                    body.add(new Node.Text(t.text(), t.line()));
                }
                case VAR_BEGIN -> {
                    stream.next();
                    Expr expr = parseTuple(true, Set.of(), false);
                    stream.expect(Token.Kind.VAR_END);
                    body.add(new Node.Print(expr, t.line()));
                }
                case BLOCK_BEGIN -> {
                    stream.next();
                    Token name = stream.current();
                    if (name.kind() == Token.Kind.NAME && endNames.contains(name.text())) {
                        return body;
                    }
                    body.add(parseStatement(endNames, innermost));
                    stream.expect(Token.Kind.BLOCK_END);
                }
                case EOF -> {
                    if (!endNames.isEmpty()) {
                        throw stream.fail("Unexpected end of template. Jinja was looking for the following tags: "
                                + describe(endNames) + ". The innermost block that needs to be closed is '"
                                + innermost + "'.");
                    }
                    return body;
                }
                default -> throw stream.fail("unexpected " + t.describe());
            }
        }
    }

    private Node parseStatement(Set<String> endNames, String innermost) {
        Token t = stream.current();
        if (t.kind() != Token.Kind.NAME) {
            throw stream.fail("tag name expected");
        }
        if (++blockDepth > MAX_NESTING) {
            throw stream.fail("blocks nested too deeply (more than " + MAX_NESTING + " levels)");
        }
        try {
            return switch (t.text()) {
                case "if" -> parseIf();
                case "for" -> parseFor();
                case "set" -> parseSet();
                case "macro" -> parseMacro();
                case "call" -> parseCallBlock();
                case "filter" -> parseFilterBlock();
                case "with" -> parseWith();
                case "generation" -> {
                    stream.next();
                    yield new Node.Block(statements(Set.of("endgeneration"), "generation", true), t.line());
                }
                case "break", "continue" -> {
                    stream.next();
                    if (loopDepth == 0) {
                        throw new TemplateSyntaxException("'" + t.text() + "' outside loop", t.line());
                    }
                    yield t.text().equals("break") ? new Node.Break(t.line()) : new Node.Continue(t.line());
                }
                default -> {
                    String message = "Encountered unknown tag '" + t.text() + "'.";
                    if (!endNames.isEmpty()) {
                        message += " Jinja was looking for the following tags: " + describe(endNames)
                                + ". The innermost block that needs to be closed is '" + innermost + "'.";
                    }
                    throw new TemplateSyntaxException(message, t.line());
                }
            };
        } finally {
            blockDepth--;
        }
    }

    /** Expects the end of the opening tag, then parses a body up to one of {@code endNames}. */
    private List<Node> statements(Set<String> endNames, String innermost, boolean dropEndTag) {
        stream.skipOp(":");
        stream.expect(Token.Kind.BLOCK_END);
        List<Node> body = subparse(endNames, innermost);
        if (dropEndTag) {
            stream.next();
        }
        return body;
    }

    private Node parseIf() {
        int line = stream.next().line();
        boolean wasSoft = soft;
        soft = true;
        try {
            List<Node.Branch> branches = new ArrayList<>();
            List<Node> orElse = List.of();
            Set<String> ends = Set.of("elif", "else", "endif");
            while (true) {
                Expr condition = parseTuple(false, Set.of(), false);
                List<Node> body = statements(ends, "if", false);
                branches.add(new Node.Branch(condition, body));
                Token end = stream.next();
                if (end.isName("elif")) {
                    continue;
                }
                if (end.isName("else")) {
                    orElse = statements(Set.of("endif"), "if", true);
                }
                break;
            }
            return new Node.If(List.copyOf(branches), orElse, line);
        } finally {
            soft = wasSoft;
        }
    }

    private Node parseFor() {
        int line = stream.next().line();
        Node.Target target = parseTarget(false);
        if (!stream.skipName("in")) {
            throw stream.fail("expected token 'in', got " + stream.current().describe());
        }
        boolean wasSoft = soft;
        soft = false;
        try {
            Expr iterable = parseTuple(false, Set.of("recursive"), false);
            Expr filter = stream.skipName("if") ? parseExpression() : null;
            if (stream.current().isName("recursive")) {
                throw stream.fail("recursive loops are not supported");
            }
            loopDepth++;
            List<Node> body;
            try {
                body = statements(Set.of("endfor", "else"), "for", false);
            } finally {
                loopDepth--;
            }
            List<Node> orElse = List.of();
            if (stream.next().isName("else")) {
                orElse = statements(Set.of("endfor"), "for", true);
            }
            return new Node.For(target, iterable, filter, body, orElse, line);
        } finally {
            soft = wasSoft;
        }
    }

    private Node parseSet() {
        int line = stream.next().line();
        Node.Target target = parseTarget(true);
        if (stream.skipOp("=")) {
            return new Node.Set(target, parseTuple(true, Set.of(), false), line);
        }
        List<Expr.Filter> filters = new ArrayList<>();
        if (stream.current().isOp("|")) {
            filters.addAll(unchain(parseFilter(null, false)));
        }
        List<Node> body = withoutSoftFrame(() -> statements(Set.of("endset"), "set", true));
        return new Node.SetBlock(target, List.copyOf(filters), body, line);
    }

    private Node parseMacro() {
        int line = stream.next().line();
        String name = assignableName();
        List<Node.Param> params = parseSignature();
        Set<String> names = new HashSet<>();
        List<Node> body = macroBody(names, "endmacro", "macro");
        return new Node.MacroDef(name, signature(params, names), body, line);
    }

    /** Parses a macro or call block body outside any loop, collecting the names it references. */
    private List<Node> macroBody(Set<String> names, String endTag, String innermost) {
        int outerLoops = loopDepth;
        loopDepth = 0;
        referencedNames.push(names);
        try {
            return withoutSoftFrame(() -> statements(Set.of(endTag), innermost, true));
        } finally {
            referencedNames.pop();
            loopDepth = outerLoops;
        }
    }

    private static Node.Signature signature(List<Node.Param> params, Set<String> names) {
        return new Node.Signature(params, names.contains("varargs"), names.contains("kwargs"),
                names.contains("caller"));
    }

    private List<Node.Param> parseSignature() {
        stream.expectOp("(");
        List<Node.Param> params = new ArrayList<>();
        boolean defaults = false;
        while (!stream.skipOp(")")) {
            if (!params.isEmpty()) {
                stream.expectOp(",");
            }
            String name = assignableName();
            Expr defaultValue = null;
            if (stream.skipOp("=")) {
                defaultValue = parseExpression();
                defaults = true;
            } else if (defaults) {
                throw stream.fail("non-default argument follows default argument");
            }
            params.add(new Node.Param(name, defaultValue));
        }
        return List.copyOf(params);
    }

    private Node parseCallBlock() {
        int line = stream.next().line();
        List<Node.Param> params = stream.current().isOp("(") ? parseSignature() : List.of();
        Expr call = parseExpression();
        if (!(call instanceof Expr.Call c)) {
            throw new TemplateSyntaxException("expected call", line);
        }
        Set<String> names = new HashSet<>();
        List<Node> body = macroBody(names, "endcall", "call");
        return new Node.CallBlock(c, signature(params, names), body, line);
    }

    private Node parseFilterBlock() {
        int line = stream.next().line();
        List<Expr.Filter> filters = unchain(parseFilter(null, true));
        List<Node> body = withoutSoftFrame(() -> statements(Set.of("endfilter"), "filter", true));
        return new Node.FilterBlock(filters, body, line);
    }

    private Node parseWith() {
        int line = stream.next().line();
        List<Node.Target> targets = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (stream.current().kind() != Token.Kind.BLOCK_END) {
            if (!targets.isEmpty()) {
                stream.expectOp(",");
            }
            targets.add(parseTarget(false));
            stream.expectOp("=");
            values.add(parseExpression());
        }
        List<Node> body = withoutSoftFrame(() -> statements(Set.of("endwith"), "with", true));
        return new Node.With(List.copyOf(targets), List.copyOf(values), body, line);
    }

    private <T> T withoutSoftFrame(java.util.function.Supplier<T> parse) {
        boolean wasSoft = soft;
        soft = false;
        try {
            return parse.get();
        } finally {
            soft = wasSoft;
        }
    }

    /** A chain {@code a | f | g} parsed with a null operand, as the list [f, g] of single filters. */
    private static List<Expr.Filter> unchain(Expr.Filter last) {
        List<Expr.Filter> chain = new ArrayList<>();
        for (Expr node = last; node instanceof Expr.Filter f; node = f.operand()) {
            chain.add(0, new Expr.Filter(null, f.name(), f.filter(), f.args(), f.line()));
        }
        return List.copyOf(chain);
    }

    /** An assignment target: a name, {@code ns.attr} when allowed, or a comma-separated tuple of targets. */
    private Node.Target parseTarget(boolean allowAttribute) {
        if (allowAttribute && stream.current().kind() == Token.Kind.NAME && stream.look().isOp(".")) {
            String object = stream.next().text();
            stream.next();
            return new Node.AttrTarget(object, stream.expect(Token.Kind.NAME).text());
        }
        List<Node.Target> items = new ArrayList<>();
        boolean tuple = false;
        while (true) {
            items.add(targetItem());
            if (!stream.skipOp(",")) {
                break;
            }
            tuple = true;
            Token t = stream.current();
            if (t.isName("in") || t.isOp("=") || t.kind() == Token.Kind.BLOCK_END) {
                break;
            }
        }
        return tuple ? new Node.TupleTarget(List.copyOf(items)) : items.get(0);
    }

    private Node.Target targetItem() {
        if (stream.skipOp("(")) {
            List<Node.Target> items = new ArrayList<>();
            while (!stream.skipOp(")")) {
                if (!items.isEmpty()) {
                    stream.expectOp(",");
                    if (stream.skipOp(")")) {
                        break;
                    }
                }
                items.add(targetItem());
            }
            return new Node.TupleTarget(List.copyOf(items));
        }
        return new Node.NameTarget(assignableName());
    }

    private String assignableName() {
        Token t = stream.current();
        if (t.kind() != Token.Kind.NAME) {
            throw stream.fail("expected token 'name', got " + t.describe());
        }
        if (RESERVED.contains(t.text())) {
            throw stream.fail("can't assign to 'const'");
        }
        return stream.next().text();
    }

    private static String describe(Set<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        List<String> quoted = sorted.stream().map(n -> "'" + n + "'").toList();
        return String.join(" or ", quoted);
    }
}
