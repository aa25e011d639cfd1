package dev.llmplatform.chattemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jinja2's builtin filters that chat templates use, with jinja2's signatures and semantics, plus transformers'
 * {@code tojson}. String filters convert their input with {@code str()} first, as jinja2's {@code soft_str} does.
 * Sequence filters live in {@link SequenceFilters}.
 */
final class Filters {

    /** A filter: {@code value | name(args)}. */
    @FunctionalInterface
    interface Filter {
        Object apply(Interpreter rt, Object value, Args args);
    }

    /** jinja2 filters this renderer does not implement; naming one is a compile error that says so. */
    private static final Set<String> UNSUPPORTED = Set.of("filesizeformat", "forceescape", "groupby", "pprint",
            "random", "slice", "striptags", "truncate", "urlencode", "urlize", "wordwrap", "xmlattr");

    private static final Pattern WORD_START_SPLIT = Pattern.compile("([-\\s({\\[<]+)");
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Map<String, Filter> FILTERS = new HashMap<>();

    static {
        FILTERS.put("tojson", Json::filter);
        FILTERS.put("trim", (rt, v, a) -> {
            Object chars = a.bind("filter 'trim'", List.of("chars"), (Object) null)[0];
            return PyStr.strip(Py.str(v), chars == null ? null : StringMethods.str(chars, "trim()"), true, true);
        });
        FILTERS.put("upper", (rt, v, a) -> PyStr.upper(str(v, a, "upper")));
        FILTERS.put("lower", (rt, v, a) -> PyStr.lower(str(v, a, "lower")));
        FILTERS.put("capitalize", (rt, v, a) -> PyStr.capitalize(str(v, a, "capitalize")));
        FILTERS.put("title", (rt, v, a) -> title(str(v, a, "title")));
        FILTERS.put("string", (rt, v, a) -> str(v, a, "string"));
        FILTERS.put("safe", (rt, v, a) -> str(v, a, "safe"));
        FILTERS.put("escape", (rt, v, a) -> escape(str(v, a, "escape")));
        FILTERS.put("e", FILTERS.get("escape"));
        FILTERS.put("wordcount", (rt, v, a) -> {
            Matcher m = WORD.matcher(str(v, a, "wordcount"));
            long n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        });
        FILTERS.put("replace", (rt, v, a) -> {
            Object[] p = a.bind("filter 'replace'", List.of("old", "new", "count"), Args.REQUIRED, Args.REQUIRED,
                    null);
            String result = PyStr.replace(Py.str(v), Py.str(p[0]), Py.str(p[1]),
                    p[2] == null ? -1 : StringMethods.integer(p[2], "replace()"));
            rt.checkSize(result.length());
            rt.chargeChars(result.length());
            return result;
        });
        FILTERS.put("center", (rt, v, a) -> {
            Object width = a.bind("filter 'center'", List.of("width"), 80L)[0];
            return StringMethods.call(rt, Py.str(v), "center", Args.of(width));
        });
        FILTERS.put("indent", Filters::indent);
        FILTERS.put("format", (rt, v, a) -> {
            if (!a.positional().isEmpty() && !a.keywords().isEmpty()) {
                throw PyException.runtime("can't handle positional and keyword arguments at the same time");
            }
            Object values = a.keywords().isEmpty() ? Tuple.copyOf(a.positional()) : a.keywordDict();
            return PyFormat.percent(rt, Py.str(v), values);
        });
        FILTERS.put("default", Filters::defaultFilter);
        FILTERS.put("d", Filters::defaultFilter);
        FILTERS.put("int", Numbers::toInt);
        FILTERS.put("float", Numbers::toFloat);
        FILTERS.put("abs", Numbers::abs);
        FILTERS.put("round", Numbers::round);
        FILTERS.put("attr", (rt, v, a) -> {
            String name = Py.str(a.bind("filter 'attr'", List.of("name"), Args.REQUIRED)[0]);
            if (v instanceof Undefined u) {
                throw u.error();
            }
            Object value = Attributes.attribute(v, name);
            return value == Scope.MISSING ? Undefined.missing(v, name) : value;
        });
        SequenceFilters.register(FILTERS);
    }

    private Filters() {
    }

    /** The filter called {@code name}, or null. */
    static Filter lookup(String name) {
        return FILTERS.get(name);
    }

    static boolean exists(String name) {
        return FILTERS.containsKey(name);
    }

    /** Why {@code name} is unknown: unsupported jinja2 filter, or no such filter. */
    static String unknownMessage(String name) {
        return UNSUPPORTED.contains(name) ? "Filter '" + name + "' is not supported by this renderer."
                : "No filter named '" + name + "'.";
    }

    private static String str(Object value, Args args, String name) {
        args.bind("filter '" + name + "'", List.of());
        return Py.str(value);
    }

    /** jinja2's {@code title} filter: capitalizes each word, words starting after {@code -}, space or brackets. */
    static String title(String s) {
        StringBuilder out = new StringBuilder();
        Matcher m = WORD_START_SPLIT.matcher(s);
        int at = 0;
        while (m.find()) {
            out.append(capitalizeWord(s.substring(at, m.start()))).append(m.group());
            at = m.end();
        }
        return out.append(capitalizeWord(s.substring(at))).toString();
    }

    private static String capitalizeWord(String word) {
        if (word.isEmpty()) {
            return word;
        }
        int first = word.codePointAt(0);
        int n = Character.charCount(first);
        return PyStr.upper(word.substring(0, n)) + PyStr.lower(word.substring(n));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Object defaultFilter(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'default'", List.of("default_value", "boolean"), "", false);
        return value instanceof Undefined || (Py.truthy(a[1]) && !Py.truthy(value)) ? a[0] : value;
    }

    /** jinja2's {@code indent(width=4, first=False, blank=False)}. */
    private static Object indent(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'indent'", List.of("width", "first", "blank"), 4L, false, false);
        String indention = a[0] instanceof String w ? w : " ".repeat((int) Math.max(0,
                Math.min(StringMethods.integer(a[0], "indent()"), rt.maxOutputChars())));
        if (value instanceof Undefined u) {
            throw u.error();
        }
        if (!(value instanceof String text)) {
            throw PyException.type("unsupported operand type(s) for +=: " + Py.repr(Py.typeName(value)) + " and 'str'");
        }
        String s = text + "\n";
        List<Object> lines = PyStr.splitlines(s, false);
        StringBuilder out = new StringBuilder();
        if (Py.truthy(a[2])) {
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    out.append('\n').append(indention);
                }
                out.append((String) lines.get(i));
                rt.checkSize(out.length());
            }
        } else {
            out.append((String) lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                String line = (String) lines.get(i);
                out.append('\n').append(line.isEmpty() ? "" : indention + line);
                rt.checkSize(out.length());
            }
        }
        if (Py.truthy(a[1])) {
            out.insert(0, indention);
        }
        rt.checkSize(out.length());
        rt.chargeChars(out.length());
        return out.toString();
    }
}
