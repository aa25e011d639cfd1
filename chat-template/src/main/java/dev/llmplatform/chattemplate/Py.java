package dev.llmplatform.chattemplate;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python semantics of the template values: truthiness, {@code str()}, {@code repr()}, type names, equality and
 * ordering. Values are {@code null} (None), {@link Boolean}, {@link Long} (int), {@link Double} (float),
 * {@link String}, {@link List} (list; {@link Tuple} for tuples), {@link Map} (dict), and the template objects
 * {@link Undefined}, {@link Namespace}, {@link PyIterator}, {@link LoopContext} and {@link PyCallable}.
 */
final class Py {

    private Py() {
    }

    static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0.0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> list) {
            return !list.isEmpty();
        }
        if (v instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return true;
    }

    /** {@code str(v)} as a template renders it ({@code Undefined} renders empty). */
    static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Undefined) {
            return "";
        }
        return repr(v);
    }

    static String repr(Object v) {
        StringBuilder out = new StringBuilder();
        appendRepr(out, v, 0);
        return out.toString();
    }

    private static void appendRepr(StringBuilder out, Object v, int depth) {
        if (depth > 200) {
            throw PyException.limit("value nested too deeply to render");
        }
        if (v == null) {
            out.append("None");
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof Long l) {
            out.append(l.longValue());
        } else if (v instanceof Double d) {
            out.append(floatRepr(d));
        } else if (v instanceof String s) {
            appendStringRepr(out, s);
        } else if (v instanceof Builtins.Range r) {
            out.append("range(").append(r.start).append(", ").append(r.stop);
            out.append(r.step == 1 ? ")" : ", " + r.step + ")");
        } else if (v instanceof Tuple t) {
            out.append('(');
            appendItems(out, t, depth);
            out.append(t.size() == 1 ? ",)" : ")");
        } else if (v instanceof List<?> list) {
            out.append('[');
            appendItems(out, list, depth);
            out.append(']');
        } else if (v instanceof Map<?, ?> map) {
            appendDict(out, map, depth);
        } else if (v instanceof Undefined) {
            out.append("Undefined");
        } else if (v instanceof Namespace ns) {
            out.append("<Namespace ");
            appendDict(out, ns.attributes, depth);
            out.append('>');
        } else if (v instanceof PyIterator it) {
            out.append('<').append(it.typeName()).append(" object>");
        } else if (v instanceof LoopContext loop) {
            out.append("<LoopContext ").append(loop.index0() + 1).append('/').append(loop.length()).append('>');
        } else if (v instanceof PyCallable c) {
            out.append(c.describe());
        } else {
            throw new IllegalStateException("not a template value: " + v.getClass().getName());
        }
    }

    private static void appendItems(StringBuilder out, List<?> items, int depth) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendRepr(out, items.get(i), depth + 1);
        }
    }

    private static void appendDict(StringBuilder out, Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            appendRepr(out, e.getKey(), depth + 1);
            out.append(": ");
            appendRepr(out, e.getValue(), depth + 1);
        }
        out.append('}');
    }

    private static void appendStringRepr(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < ' ' || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || PyStr.isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        }
        out.append(quote);
    }

    /** Python's {@code repr(float)}: the shortest round-tripping digits, exponent form outside 1e-4 .. 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return (1.0 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decpt = digits.length() - exact.scale();
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (decpt <= -4 || decpt > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            out.append(exp < 0 ? "e-" : "e+");
            int abs = Math.abs(exp);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (decpt <= 0) {
            out.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return out.toString();
    }

    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Tuple) {
            return "tuple";
        }
        if (v instanceof Builtins.Range) {
            return "range";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof PyIterator it) {
            return it.typeName();
        }
        if (v instanceof Undefined) {
            return "Undefined";
        }
        if (v instanceof Namespace) {
            return "Namespace";
        }
        if (v instanceof LoopContext) {
            return "LoopContext";
        }
        if (v instanceof Macro) {
            return "Macro";
        }
        return "builtin_function_or_method";
    }

    /** jinja2's {@code object_type_repr}, used in "has no attribute" messages. */
    static String objectTypeRepr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Namespace) {
            return "jinja2.utils.Namespace object";
        }
        if (v instanceof LoopContext) {
            return "jinja2.runtime.LoopContext object";
        }
        if (v instanceof Macro) {
            return "jinja2.runtime.Macro object";
        }
        return typeName(v) + " object";
    }

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Boolean;
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    static long asLong(Object v) {
        return v instanceof Boolean b ? (b ? 1L : 0L) : (Long) v;
    }

    static double asDouble(Object v) {
        return v instanceof Double d ? d : (double) asLong(v);
    }

    /** Python {@code a == b}. */
    static boolean eq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0;
        }
        if (a instanceof String || b instanceof String) {
            return a.equals(b);
        }
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if ((a instanceof Tuple) != (b instanceof Tuple) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !eq(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Python ordering ({@code <} and friends): negative, zero or positive, or 2 when the numbers are unordered
     * (NaN); {@code op} names the operator in the error for values that cannot be ordered.
     */
    static int compare(Object a, Object b, String op) {
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (a instanceof String x && b instanceof String y) {
            return PyStr.compare(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y && (a instanceof Tuple) == (b instanceof Tuple)) {
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext() && j.hasNext()) {
                Object p = i.next();
                Object q = j.next();
                if (!eq(p, q)) {
                    return compare(p, q, op);
                }
            }
            return Boolean.compare(i.hasNext(), j.hasNext());
        }
        throw PyException.type("'" + op + "' not supported between instances of " + repr(typeName(a)) + " and "
                + repr(typeName(b)));
    }

    /** Compares two numbers exactly; returns 2 when either is NaN (unordered). */
    static int compareNumbers(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            double x = asDouble(a);
            double y = asDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return 2;
            }
            if (Double.isInfinite(x) || Double.isInfinite(y) || !(a instanceof Double && b instanceof Double)) {
                if (Double.isInfinite(x) || Double.isInfinite(y)) {
                    return Double.compare(x, y);
                }
                return toDecimal(a).compareTo(toDecimal(b));
            }
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        return Long.compare(asLong(a), asLong(b));
    }

    private static BigDecimal toDecimal(Object v) {
        return v instanceof Double d ? new BigDecimal(d) : BigDecimal.valueOf(asLong(v));
    }
}
