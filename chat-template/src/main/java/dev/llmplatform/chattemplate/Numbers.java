package dev.llmplatform.chattemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;

/** The numeric filters: {@code int}, {@code float}, {@code abs} and {@code round}, as jinja2 defines them. */
final class Numbers {

    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:\\d(?:_?\\d)*)?\\.?\\d(?:_?\\d)*(?:[eE][+-]?\\d(?:_?\\d)*)?|\\d(?:_?\\d)*\\.|inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);

    private Numbers() {
    }

    /** {@code int(value, default=0, base=10)}: int(), else int(float()), else the default. */
    static Object toInt(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'int'", List.of("default", "base"), 0L, 10L);
        if (value instanceof Undefined u) {
            throw u.error();
        }
        if (value instanceof String s) {
            Long parsed = parseInt(PyStr.strip(s, null, true, true), StringMethods.integer(a[1], "int()"));
            if (parsed != null) {
                return parsed;
            }
        } else if (Py.isInt(value)) {
            return Py.asLong(value);
        }
        Double d = parseFloat(value);
        if (d != null && !d.isNaN() && !d.isInfinite() && Math.abs(d) < 9.2e18) {
            return (long) d.doubleValue();
        }
        return a[0];
    }

    private static Long parseInt(String s, long base) {
        String digits = s.replace("_", "");
        boolean negative = digits.startsWith("-");
        if (negative || digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        String lower = digits.toLowerCase();
        if ((base == 16 && lower.startsWith("0x")) || (base == 8 && lower.startsWith("0o"))
                || (base == 2 && lower.startsWith("0b"))) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || s.contains("__") || s.endsWith("_") || base < 2 || base > 36) {
            return null;
        }
        try {
            long n = Long.parseLong(digits, (int) base);
            return negative ? -n : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code float(value, default=0.0)}. */
    static Object toFloat(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'float'", List.of("default"), 0.0);
        if (value instanceof Undefined u) {
            throw u.error();
        }
        Double d = parseFloat(value);
        return d != null ? d : a[0];
    }

    private static Double parseFloat(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (Py.isInt(value)) {
            return (double) Py.asLong(value);
        }
        if (value instanceof String s) {
            String t = PyStr.strip(s, null, true, true);
            if (!FLOAT.matcher(t).matches()) {
                return null;
            }
            String lower = t.toLowerCase().replace("_", "");
            if (lower.endsWith("inf") || lower.endsWith("infinity")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (lower.endsWith("nan")) {
                return Double.NaN;
            }
            return Double.parseDouble(lower);
        }
        return null;
    }

    static Object abs(Interpreter rt, Object value, Args args) {
        args.bind("filter 'abs'", List.of());
        if (value instanceof Double d) {
            return Math.abs(d);
        }
        if (Py.isInt(value)) {
            return Operators.negate(value, Py.asLong(value) < 0);
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        throw PyException.type("bad operand type for abs(): " + Py.repr(Py.typeName(value)));
    }

    /** {@code round(value, precision=0, method='common')}: Python's round, or ceil/floor at that precision. */
    static Object round(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'round'", List.of("precision", "method"), 0L, "common");
        if (!(a[1] instanceof String method) || !List.of("common", "ceil", "floor").contains(method)) {
            throw PyException.runtime("method must be common, ceil or floor");
        }
        if (value instanceof Undefined u) {
            throw u.error();
        }
        long precision = StringMethods.integer(a[0], "round()");
        if (!Py.isNumber(value)) {
            throw PyException.type("type " + Py.typeName(value) + " doesn't define __round__ method");
        }
        if (method.equals("common")) {
            if (Py.isInt(value)) {
                long n = Py.asLong(value);
                if (precision >= 0) {
                    return n;
                }
                return new BigDecimal(n).setScale((int) precision, RoundingMode.HALF_EVEN).longValue();
            }
            double d = (Double) value;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return d;
            }
            double rounded = new BigDecimal(d).setScale((int) Math.max(-400, Math.min(precision, 400)),
                    RoundingMode.HALF_EVEN).doubleValue();
            return rounded == 0 ? Math.copySign(0.0, d) : rounded;
        }
        double scale = Math.pow(10, precision);
        double x = Py.asDouble(value) * scale;
        return (method.equals("ceil") ? Math.ceil(x) : Math.floor(x)) / scale;
    }
}
