package dev.llmplatform.chattemplate;

import dev.llmplatform.chattemplate.Expr.BinaryOp;
import dev.llmplatform.chattemplate.Expr.CompareOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses expressions with jinja2's grammar and precedence (see jinja2's {@code Parser.parse_expression}): conditional
 * expressions, {@code or}, {@code and}, {@code not}, comparisons, arithmetic and unary operators.
 */
class ExprParser extends PostfixParser {

    private static final Map<String, CompareOp> COMPARE_OPS = Map.of("==", CompareOp.EQ, "!=", CompareOp.NE,
            "<", CompareOp.LT, "<=", CompareOp.LE, ">", CompareOp.GT, ">=", CompareOp.GE);

    ExprParser(TokenStream stream) {
        super(stream);
    }

    /** jinja2's {@code parse_tuple}: one expression, or a tuple when there are commas. */
    @Override
    Expr parseTuple(boolean withCondexpr, Set<String> extraEndNames, boolean explicitParentheses) {
        int line = stream.current().line();
        List<Expr> items = new ArrayList<>();
        boolean isTuple = false;
        while (true) {
            if (!items.isEmpty()) {
                stream.expectOp(",");
            }
            if (isTupleEnd(extraEndNames)) {
                break;
            }
            items.add(withCondexpr ? parseExpression() : parseOr());
            if (stream.current().isOp(",")) {
                isTuple = true;
            } else {
                break;
            }
        }
        if (!isTuple) {
            if (!items.isEmpty()) {
                return items.get(0);
            }
            if (!explicitParentheses) {
                throw stream.fail("Expected an expression, got " + stream.current().describe());
            }
        }
        return new Expr.TupleLit(List.copyOf(items), line);
    }

    private boolean isTupleEnd(Set<String> extraEndNames) {
        Token t = stream.current();
        return t.kind() == Token.Kind.VAR_END || t.kind() == Token.Kind.BLOCK_END || t.isOp(")")
                || (t.kind() == Token.Kind.NAME && extraEndNames.contains(t.text()));
    }

    @Override
    Expr parseExpression() {
        enter();
        try {
            Expr expr = parseOr();
            while (stream.current().isName("if")) {
                int line = stream.next().line();
                Expr test = parseOr();
                Expr orElse = stream.skipName("else") ? parseExpression() : null;
                expr = new Expr.Conditional(test, expr, orElse, line);
            }
            return expr;
        } finally {
            leave();
        }
    }

    Expr parseOr() {
        Expr left = parseAnd();
        while (stream.current().isName("or")) {
            int line = stream.next().line();
            left = new Expr.Or(left, parseAnd(), line);
        }
        return left;
    }

    private Expr parseAnd() {
        Expr left = parseNot();
        while (stream.current().isName("and")) {
            int line = stream.next().line();
            left = new Expr.And(left, parseNot(), line);
        }
        return left;
    }

    private Expr parseNot() {
        if (stream.current().isName("not")) {
            int line = stream.next().line();
            enter();
            try {
                return new Expr.Unary(Expr.UnaryOp.NOT, parseNot(), line);
            } finally {
                leave();
            }
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        int line = stream.current().line();
        Expr first = parseMath1();
        List<Expr> operands = new ArrayList<>(List.of(first));
        List<CompareOp> ops = new ArrayList<>();
        while (true) {
            Token t = stream.current();
            if (t.kind() == Token.Kind.OP && COMPARE_OPS.containsKey(t.text())) {
                stream.next();
                ops.add(COMPARE_OPS.get(t.text()));
            } else if (t.isName("in")) {
                stream.next();
                ops.add(CompareOp.IN);
            } else if (t.isName("not") && stream.look().isName("in")) {
                stream.next();
                stream.next();
                ops.add(CompareOp.NOT_IN);
            } else {
                break;
            }
            operands.add(parseMath1());
        }
        return ops.isEmpty() ? first : new Expr.Compare(List.copyOf(operands), List.copyOf(ops), line);
    }

    private Expr parseMath1() {
        Expr left = parseConcat();
        while (stream.current().isOp("+") || stream.current().isOp("-")) {
            Token op = stream.next();
            left = new Expr.Binary(op.text().equals("+") ? BinaryOp.ADD : BinaryOp.SUB, left, parseConcat(),
                    op.line());
        }
        return left;
    }

    private Expr parseConcat() {
        Expr left = parseMath2();
        while (stream.current().isOp("~")) {
            int line = stream.next().line();
            left = new Expr.Binary(BinaryOp.CONCAT, left, parseMath2(), line);
        }
        return left;
    }

    private Expr parseMath2() {
        Expr left = parsePow();
        while (true) {
            Token t = stream.current();
            BinaryOp op = t.isOp("*") ? BinaryOp.MUL : t.isOp("/") ? BinaryOp.DIV
                    : t.isOp("//") ? BinaryOp.FLOOR_DIV : t.isOp("%") ? BinaryOp.MOD : null;
            if (op == null) {
                return left;
            }
            stream.next();
            left = new Expr.Binary(op, left, parsePow(), t.line());
        }
    }

    private Expr parsePow() {
        Expr left = parseUnary(true);
        while (stream.current().isOp("**")) {
            int line = stream.next().line();
            left = new Expr.Binary(BinaryOp.POW, left, parseUnary(true), line);
        }
        return left;
    }

    private Expr parseUnary(boolean withFilter) {
        enter();
        try {
            Token t = stream.current();
            Expr node;
            if (t.isOp("-") || t.isOp("+")) {
                stream.next();
                node = new Expr.Unary(t.isOp("-") ? Expr.UnaryOp.NEG : Expr.UnaryOp.POS, parseUnary(false), t.line());
            } else {
                node = parsePrimary();
            }
            node = parsePostfix(node);
            return withFilter ? parseFilterExpr(node) : node;
        } finally {
            leave();
        }
    }

}
