package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(x, ensure_ascii, indent, separators, sort_keys)}, byte for byte: the filter
 * transformers installs as {@code tojson} (no HTML escaping; non-ASCII kept unless {@code ensure_ascii}).
 */
final class Json {

    private final Interpreter rt;
    private final boolean ensureAscii;
    private final String indent;
    private final String itemSeparator;
    private final String keySeparator;
    private final boolean sortKeys;
    private final StringBuilder out = new StringBuilder();

    private Json(Interpreter rt, boolean ensureAscii, String indent, String itemSeparator, String keySeparator,
                 boolean sortKeys) {
        this.rt = rt;
        this.ensureAscii = ensureAscii;
        this.indent = indent;
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
        this.sortKeys = sortKeys;
    }

    /** The {@code tojson} filter: {@code tojson(ensure_ascii=False, indent=None, separators=None, sort_keys=False)}. */
    static Object filter(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'tojson'", List.of("ensure_ascii", "indent", "separators", "sort_keys"),
                false, null, null, false);
        String indent = indentString(a[1]);
        String itemSeparator = indent == null ? ", " : ",";
        String keySeparator = ": ";
        if (a[2] != null) {
            List<Object> pair = Iteration.list(a[2]);
            if (pair.size() != 2 || !(pair.get(0) instanceof String) || !(pair.get(1) instanceof String)) {
                throw PyException.value("separators must be a pair of strings");
            }
            itemSeparator = (String) pair.get(0);
            keySeparator = (String) pair.get(1);
        }
        Json json = new Json(rt, Py.truthy(a[0]), indent, itemSeparator, keySeparator, Py.truthy(a[3]));
        json.write(value, 0);
        rt.chargeChars(json.out.length());
        return json.out.toString();
    }

    private static String indentString(Object indent) {
        if (indent == null) {
            return null;
        }
        if (indent instanceof String s) {
            return s;
        }
        if (Py.isInt(indent)) {
            return " ".repeat((int) Math.max(0, Math.min(Py.asLong(indent), 1000)));
        }
        if (indent instanceof Undefined u) {
            throw u.error();
        }
        throw PyException.type("can't multiply sequence by non-int of type " + Py.repr(Py.typeName(indent)));
    }

    private void write(Object v, int level) {
        if (level > 500) {
            throw PyException.limit("value nested too deeply for tojson");
        }
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Long l) {
            out.append(l.longValue());
        } else if (v instanceof Double d) {
            out.append(number(d));
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof List<?> list && !(v instanceof Builtins.Range)) {
            writeList(list, level);
        } else if (v instanceof Map<?, ?> map) {
            writeMap(map, level);
        } else {
            throw PyException.type("Object of type " + Py.typeName(v) + " is not JSON serializable");
        }
        rt.checkSize(out.length());
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return Py.floatRepr(d);
    }

    private void writeList(List<?> list, int level) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        rt.step(list.size());
        out.append('[');
        String separator = itemSeparator + newline(level + 1);
        out.append(newline(level + 1));
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            write(list.get(i), level + 1);
        }
        out.append(newline(level)).append(']');
    }

    private void writeMap(Map<?, ?> map, int level) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        rt.step(map.size());
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        if (sortKeys) {
            entries.sort((x, y) -> {
                int c = Py.compare(x.getKey(), y.getKey(), "<");
                return c == 2 ? 0 : c;
            });
        }
        out.append('{');
        String separator = itemSeparator + newline(level + 1);
        out.append(newline(level + 1));
        boolean first = true;
        for (Map.Entry<?, ?> e : entries) {
            if (!first) {
                out.append(separator);
            }
            first = false;
            string(key(e.getKey()));
            out.append(keySeparator);
            write(e.getValue(), level + 1);
        }
        out.append(newline(level)).append('}');
    }

    private static String key(Object k) {
        if (k instanceof String s) {
            return s;
        }
        if (k instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (k == null) {
            return "null";
        }
        if (k instanceof Long || k instanceof Double) {
            return k instanceof Double d ? number(d) : k.toString();
        }
        throw PyException.type("keys must be str, int, float, bool or None, not " + Py.typeName(k));
    }

    private String newline(int level) {
        return indent == null ? "" : "\n" + indent.repeat(level);
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
