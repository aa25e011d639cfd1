package dev.llmplatform.chattemplate;

import dev.llmplatform.chattemplate.Expr.BinaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's arithmetic, concatenation, repetition and membership on template values. */
final class Operators {

    private Operators() {
    }

    static Object binary(Interpreter rt, BinaryOp op, Object a, Object b) {
        if (op == BinaryOp.CONCAT) {
            String left = Py.str(a);
            String right = Py.str(b);
            rt.checkSize((long) left.length() + right.length());
            rt.chargeChars(left.length() + right.length());
            return left + right;
        }
        if (op == BinaryOp.MOD && a instanceof String s) {
            return PyFormat.percent(rt, s, b);
        }
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        if (Py.isNumber(a) && Py.isNumber(b)) {
            return Py.isInt(a) && Py.isInt(b) && op != BinaryOp.DIV ? intOp(op, Py.asLong(a), Py.asLong(b))
                    : floatOp(op, Py.asDouble(a), Py.asDouble(b));
        }
        switch (op) {
            case ADD -> {
                if (a instanceof String x && b instanceof String y) {
                    rt.checkSize((long) x.length() + y.length());
                    rt.chargeChars(x.length() + y.length());
                    return x + y;
                }
                if (a instanceof List<?> x && b instanceof List<?> y && sameSequenceType(a, b)) {
                    rt.checkSize((long) x.size() + y.size());
                    rt.step(x.size() + y.size());
                    List<Object> joined = new ArrayList<>(x);
                    joined.addAll(y);
                    return a instanceof Tuple ? Tuple.copyOf(joined) : joined;
                }
                if (a instanceof String || a instanceof List) {
                    throw PyException.type("can only concatenate " + Py.typeName(a) + " (not \"" + Py.typeName(b)
                            + "\") to " + Py.typeName(a));
                }
            }
            case MUL -> {
                if (Py.isInt(b) && (a instanceof String || a instanceof List)) {
                    return repeat(rt, a, Py.asLong(b));
                }
                if (Py.isInt(a) && (b instanceof String || b instanceof List)) {
                    return repeat(rt, b, Py.asLong(a));
                }
                if (a instanceof String || a instanceof List) {
                    throw PyException.type("can't multiply sequence by non-int of type " + Py.repr(Py.typeName(b)));
                }
            }
            default -> {
            }
        }
        throw PyException.type("unsupported operand type(s) for " + op.symbol + ": " + Py.repr(Py.typeName(a))
                + " and " + Py.repr(Py.typeName(b)));
    }

    private static boolean sameSequenceType(Object a, Object b) {
        return (a instanceof Tuple) == (b instanceof Tuple);
    }

    private static Object repeat(Interpreter rt, Object sequence, long times) {
        long n = Math.max(0, times);
        int unit = sequence instanceof String s ? s.length() : ((List<?>) sequence).size();
        long size = unit == 0 || n == 0 ? 0 : (n > Long.MAX_VALUE / unit ? Long.MAX_VALUE : unit * n);
        rt.checkSize(size);
        if (sequence instanceof String s) {
            rt.chargeChars(size);
            return s.repeat((int) (unit == 0 ? 0 : n));
        }
        List<?> list = (List<?>) sequence;
        rt.step(size);
        if (size == 0) {
            n = 0;
        }
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.addAll(list);
        }
        return sequence instanceof Tuple ? Tuple.copyOf(out) : out;
    }

    private static Object intOp(BinaryOp op, long a, long b) {
        try {
            return switch (op) {
                case ADD -> Math.addExact(a, b);
                case SUB -> Math.subtractExact(a, b);
                case MUL -> Math.multiplyExact(a, b);
                case FLOOR_DIV -> {
                    if (b == 0) {
                        throw zeroDivision("integer division or modulo by zero");
                    }
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw new ArithmeticException();
                    }
                    yield Math.floorDiv(a, b);
                }
                case MOD -> {
                    if (b == 0) {
                        throw zeroDivision("integer division or modulo by zero");
                    }
                    yield Math.floorMod(a, b);
                }
                case POW -> {
                    if (b < 0) {
                        yield floatOp(op, a, b);
                    }
                    long result = 1;
                    long base = a;
                    for (long e = b; e > 0; e >>= 1) {
                        if ((e & 1) == 1) {
                            result = Math.multiplyExact(result, base);
                        }
                        if (e > 1) {
                            base = Math.multiplyExact(base, base);
                        }
                    }
                    yield result;
                }
                default -> throw new IllegalStateException(op.name());
            };
        } catch (ArithmeticException e) {
            throw new PyException(PyException.Kind.OVERFLOW,
                    "integer result of " + op.symbol + " does not fit in 64 bits");
        }
    }

    private static Object floatOp(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> {
                if (b == 0) {
                    throw zeroDivision("division by zero");
                }
                yield a / b;
            }
            case FLOOR_DIV -> {
                if (b == 0) {
                    throw zeroDivision("float floor division by zero");
                }
                yield floorDiv(a, b);
            }
            case MOD -> {
                if (b == 0) {
                    throw zeroDivision("float modulo");
                }
                double r = a % b;
                yield r != 0 && (r < 0) != (b < 0) ? r + b : (r == 0 ? Math.copySign(0.0, b) : r);
            }
            case POW -> {
                if (a == 0 && b < 0) {
                    throw zeroDivision("0.0 cannot be raised to a negative power");
                }
                double result = Math.pow(a, b);
                if (Double.isInfinite(result) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
                    throw new PyException(PyException.Kind.OVERFLOW, "(34, 'Numerical result out of range')");
                }
                yield result;
            }
            default -> throw new IllegalStateException(op.name());
        };
    }

    /** CPython's float floor division (via fmod, so that {@code 1 // 0.1} is 9.0 as in Python). */
    private static double floorDiv(double a, double b) {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }

    private static PyException zeroDivision(String message) {
        return new PyException(PyException.Kind.ZERO_DIVISION, message);
    }

    static Object negate(Object v, boolean minus) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (v instanceof Double d) {
            return minus ? -d : d;
        }
        if (Py.isInt(v)) {
            long n = Py.asLong(v);
            if (minus && n == Long.MIN_VALUE) {
                throw new PyException(PyException.Kind.OVERFLOW, "integer result of - does not fit in 64 bits");
            }
            return minus ? -n : n;
        }
        throw PyException.type("bad operand type for unary " + (minus ? "-" : "+") + ": " + Py.repr(Py.typeName(v)));
    }

    /** Python's {@code item in container}. */
    static boolean contains(Interpreter rt, Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw PyException.type("'in <string>' requires string as left operand, not " + Py.typeName(item));
            }
            return s.contains(sub);
        }
        if (container instanceof Map<?, ?> map) {
            Evaluator.hashable(item);
            return map.containsKey(item) || (item instanceof Boolean b && map.containsKey(b ? 1L : 0L));
        }
        if (container instanceof List || container instanceof PyIterator || container instanceof Undefined) {
            List<Object> items = Iteration.list(container);
            rt.step(items.size());
            for (Object x : items) {
                if (Py.eq(x, item)) {
                    return true;
                }
            }
            return false;
        }
        throw PyException.type("argument of type " + Py.repr(Py.typeName(container)) + " is not iterable");
    }
}
