package dev.llmplatform.chattemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** jinja2's builtin tests ({@code value is name(args)}), with jinja2's semantics. */
final class JinjaTests {

    /** A test: {@code value is name(args)}. */
    @FunctionalInterface
    interface Test {
        boolean test(Interpreter rt, Object value, Args args);
    }

    @FunctionalInterface
    private interface Unary {
        boolean test(Object value);
    }

    @FunctionalInterface
    private interface Binary {
        boolean test(Interpreter rt, Object value, Object other);
    }

    private static final Map<String, Test> TESTS = new HashMap<>();

    static {
        unary("defined", v -> !(v instanceof Undefined));
        unary("undefined", v -> v instanceof Undefined);
        unary("none", v -> v == null);
        unary("boolean", v -> v instanceof Boolean);
        unary("true", v -> Boolean.TRUE.equals(v));
        unary("false", v -> Boolean.FALSE.equals(v));
        unary("integer", v -> v instanceof Long);
        unary("float", v -> v instanceof Double);
        unary("number", Py::isNumber);
        unary("string", v -> v instanceof String);
        unary("mapping", v -> v instanceof Map);
        unary("sequence", v -> v instanceof String || v instanceof List || v instanceof Map
                || v instanceof Undefined);
        unary("iterable", v -> Iteration.isIterable(v) || v instanceof LoopContext);
        unary("callable", v -> v instanceof PyCallable || v instanceof Undefined || v instanceof LoopContext);
        unary("escaped", v -> false);
        unary("lower", v -> StringMethods.isCasedAs(Py.str(v), false));
        unary("upper", v -> StringMethods.isCasedAs(Py.str(v), true));
        unary("filter", v -> v instanceof String s && Filters.exists(s));
        unary("test", v -> v instanceof String s && TESTS.containsKey(s));
        TESTS.put("odd", (rt, v, a) -> remainder(rt, v, 2L, a, "odd", 1));
        TESTS.put("even", (rt, v, a) -> remainder(rt, v, 2L, a, "even", 0));
        binary("divisibleby", (rt, v, n) -> Py.eq(Operators.binary(rt, Expr.BinaryOp.MOD, v, n), 0L));
        binary("in", (rt, v, seq) -> Operators.contains(rt, seq, v));
        binary("sameas", (rt, v, other) -> v == other || (v == null ? other == null
                : (v instanceof Boolean || v instanceof Long) && v.equals(other)));
        comparison(Expr.CompareOp.EQ, "==", "eq", "equalto");
        comparison(Expr.CompareOp.NE, "!=", "ne");
        comparison(Expr.CompareOp.LT, "<", "lt", "lessthan");
        comparison(Expr.CompareOp.LE, "<=", "le");
        comparison(Expr.CompareOp.GT, ">", "gt", "greaterthan");
        comparison(Expr.CompareOp.GE, ">=", "ge");
    }

    private JinjaTests() {
    }

    /** The test called {@code name}, or null. */
    static Test lookup(String name) {
        return TESTS.get(name);
    }

    static String unknownMessage(String name) {
        return "No test named '" + name + "'.";
    }

    private static void unary(String name, Unary test) {
        TESTS.put(name, (rt, v, a) -> {
            a.bind("test '" + name + "'", List.of());
            return test.test(v);
        });
    }

    private static void binary(String name, Binary test) {
        TESTS.put(name, (rt, v, a) -> test.test(rt, v, a.bind("test '" + name + "'", List.of("other"),
                Args.REQUIRED)[0]));
    }

    private static void comparison(Expr.CompareOp op, String... names) {
        for (String name : names) {
            binary(name, (rt, v, other) -> rt.evaluator().compareOnce(op, v, other));
        }
    }

    private static boolean remainder(Interpreter rt, Object v, Object divisor, Args args, String name, long want) {
        args.bind("test '" + name + "'", List.of());
        return Py.eq(Operators.binary(rt, Expr.BinaryOp.MOD, v, divisor), want);
    }
}
