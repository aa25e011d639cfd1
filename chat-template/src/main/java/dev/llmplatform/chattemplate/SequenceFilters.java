package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * jinja2's filters over sequences and mappings. Like jinja2, {@code map}, {@code select}, {@code reject},
 * {@code selectattr}, {@code rejectattr}, {@code unique}, {@code batch}, {@code items} and {@code reverse} return
 * one-shot iterators ({@link PyIterator}); {@code list}, {@code sort} and {@code dictsort} return lists.
 */
final class SequenceFilters {

    private SequenceFilters() {
    }

    static void register(Map<String, Filters.Filter> filters) {
        filters.put("length", (rt, v, a) -> noArgs(a, "length", Iteration.length(v)));
        filters.put("count", filters.get("length"));
        filters.put("list", (rt, v, a) -> noArgs(a, "list", new ArrayList<>(items(rt, v))));
        filters.put("first", (rt, v, a) -> {
            List<Object> items = noArgs(a, "first", items(rt, v));
            return items.isEmpty() ? Undefined.of("No first item, sequence was empty.") : items.get(0);
        });
        filters.put("last", (rt, v, a) -> {
            if (v instanceof PyIterator) {
                throw PyException.type("'generator' object is not reversible");
            }
            List<Object> items = noArgs(a, "last", items(rt, v));
            return items.isEmpty() ? Undefined.of("No last item, sequence was empty.") : items.get(items.size() - 1);
        });
        filters.put("join", SequenceFilters::join);
        filters.put("map", SequenceFilters::map);
        filters.put("select", (rt, v, a) -> select(rt, v, a, false, true));
        filters.put("reject", (rt, v, a) -> select(rt, v, a, false, false));
        filters.put("selectattr", (rt, v, a) -> select(rt, v, a, true, true));
        filters.put("rejectattr", (rt, v, a) -> select(rt, v, a, true, false));
        filters.put("unique", SequenceFilters::unique);
        filters.put("sort", SequenceFilters::sort);
        filters.put("dictsort", SequenceFilters::dictsort);
        filters.put("reverse", SequenceFilters::reverse);
        filters.put("sum", SequenceFilters::sum);
        filters.put("min", (rt, v, a) -> minMax(rt, v, a, "min"));
        filters.put("max", (rt, v, a) -> minMax(rt, v, a, "max"));
        filters.put("batch", SequenceFilters::batch);
        filters.put("items", (rt, v, a) -> {
            a.bind("filter 'items'", List.of());
            if (v instanceof Undefined) {
                return new PyIterator("generator", List.of());
            }
            if (!(v instanceof Map<?, ?> map)) {
                return PyIterator.failing(PyException.type("Can only get item pairs from a mapping."));
            }
            rt.step(map.size());
            List<Object> pairs = new ArrayList<>();
            map.forEach((k, x) -> pairs.add(Tuple.of(k, x)));
            return new PyIterator("generator", pairs);
        });
    }

    private static <T> T noArgs(Args args, String name, T result) {
        args.bind("filter '" + name + "'", List.of());
        return result;
    }

    /** Iterates {@code value}, charging one step per item. */
    static List<Object> items(Interpreter rt, Object value) {
        List<Object> items = Iteration.list(value);
        rt.step(items.size());
        return items;
    }

    /** jinja2's {@code make_attrgetter}: a dotted path of item lookups ({@code "function.name"}, {@code "0"}). */
    static UnaryOperator<Object> attrGetter(Object attribute, Object defaultValue, boolean ignoreCase) {
        List<Object> parts = new ArrayList<>();
        if (attribute instanceof String path) {
            for (String part : path.split("\\.", -1)) {
                parts.add(!part.isEmpty() && part.chars().allMatch(Character::isDigit) ? (Object) Long.valueOf(part)
                        : part);
            }
        } else if (attribute != null) {
            parts.add(attribute);
        }
        return item -> {
            Object v = item;
            for (Object part : parts) {
                v = Attributes.getitem(v, part);
            }
            if (defaultValue != null && v instanceof Undefined) {
                v = defaultValue;
            }
            return ignoreCase && v instanceof String s ? PyStr.lower(s) : v;
        };
    }

    private static Object join(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'join'", List.of("d", "attribute"), "", null);
        UnaryOperator<Object> getter = attrGetter(a[1], null, false);
        String separator = Py.str(a[0]);
        StringBuilder out = new StringBuilder();
        List<Object> items = items(rt, value);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(Py.str(getter.apply(items.get(i))));
            rt.checkSize(out.length());
        }
        rt.chargeChars(out.length());
        return out.toString();
    }

    private static Object map(Interpreter rt, Object value, Args args) {
        List<Object> out = new ArrayList<>();
        if (!Py.truthy(value)) {
            return new PyIterator("generator", out);
        }
        if (args.positional().isEmpty() && args.keywords().containsKey("attribute")) {
            Map<String, Object> kw = new LinkedHashMap<>(args.keywords());
            Object attribute = kw.remove("attribute");
            Object defaultValue = kw.remove("default");
            if (!kw.isEmpty()) {
                throw PyException.runtime("Unexpected keyword argument " + Py.repr(kw.keySet().iterator().next()));
            }
            UnaryOperator<Object> getter = attrGetter(attribute, defaultValue, false);
            for (Object item : items(rt, value)) {
                out.add(getter.apply(item));
            }
        } else {
            if (args.positional().isEmpty()) {
                throw PyException.runtime("map requires a filter argument");
            }
            String name = Py.str(args.positional().get(0));
            Filters.Filter filter = Filters.lookup(name);
            if (filter == null) {
                throw PyException.runtime("No filter named " + Py.repr(name) + ".");
            }
            Args rest = new Args(args.positional().subList(1, args.positional().size()), args.keywords());
            for (Object item : items(rt, value)) {
                out.add(filter.apply(rt, item, rest));
            }
        }
        return new PyIterator("generator", out);
    }

    private static Object select(Interpreter rt, Object value, Args args, boolean byAttribute, boolean keep) {
        if (!Py.truthy(value)) {
            return new PyIterator("generator", List.of());
        }
        List<Object> p = args.positional();
        int offset = byAttribute ? 1 : 0;
        if (byAttribute && p.isEmpty()) {
            throw PyException.type("Missing parameter for attribute name");
        }
        UnaryOperator<Object> getter = byAttribute ? attrGetter(p.get(0), null, false) : UnaryOperator.identity();
        JinjaTests.Test test = null;
        Args testArgs = Args.NONE;
        if (p.size() > offset) {
            String name = Py.str(p.get(offset));
            test = JinjaTests.lookup(name);
            if (test == null) {
                throw PyException.runtime("No test named " + Py.repr(name) + ".");
            }
            testArgs = new Args(p.subList(offset + 1, p.size()), args.keywords());
        }
        List<Object> out = new ArrayList<>();
        for (Object item : items(rt, value)) {
            Object probe = getter.apply(item);
            boolean passed = test == null ? Py.truthy(probe) : test.test(rt, probe, testArgs);
            if (passed == keep) {
                out.add(item);
            }
        }
        return new PyIterator("generator", out);
    }

    private static Object unique(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'unique'", List.of("case_sensitive", "attribute"), false, null);
        UnaryOperator<Object> key = attrGetter(a[1], null, !Py.truthy(a[0]));
        List<Object> seen = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        for (Object item : items(rt, value)) {
            Object k = Evaluator.hashable(key.apply(item));
            rt.step(seen.size() / 64);
            if (seen.stream().noneMatch(s -> Py.eq(s, k))) {
                seen.add(k);
                out.add(item);
            }
        }
        return new PyIterator("generator", out);
    }

    private static Comparator<Object> byKey(UnaryOperator<Object> key) {
        return (x, y) -> {
            int c = Py.compare(key.apply(x), key.apply(y), "<");
            return c == 2 ? 0 : c;
        };
    }

    private static Object sort(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'sort'", List.of("reverse", "case_sensitive", "attribute"), false, false,
                null);
        boolean ignoreCase = !Py.truthy(a[1]);
        List<UnaryOperator<Object>> keys = new ArrayList<>();
        if (a[2] instanceof String attrs && attrs.contains(",")) {
            for (String attr : attrs.split(",")) {
                keys.add(attrGetter(attr.strip(), null, ignoreCase));
            }
        } else {
            keys.add(attrGetter(a[2], null, ignoreCase));
        }
        UnaryOperator<Object> key = keys.size() == 1 ? keys.get(0)
                : item -> Tuple.copyOf(keys.stream().map(k -> k.apply(item)).toList());
        List<Object> sorted = new ArrayList<>(items(rt, value));
        rt.step(sorted.size() * (long) Math.max(1, 64 - Long.numberOfLeadingZeros(sorted.size())));
        sorted.sort(Py.truthy(a[0]) ? byKey(key).reversed() : byKey(key));
        return sorted;
    }

    private static Object dictsort(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'dictsort'", List.of("case_sensitive", "by", "reverse"), false, "key",
                false);
        if (!(value instanceof Map<?, ?> map)) {
            throw PyException.type("dictsort() requires a mapping, got " + Py.typeName(value));
        }
        int position = switch (Py.str(a[1])) {
            case "key" -> 0;
            case "value" -> 1;
            default -> throw PyException.runtime("You can only sort by either \"key\" or \"value\"");
        };
        boolean ignoreCase = !Py.truthy(a[0]);
        List<Object> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(Tuple.of(k, v)));
        rt.step(pairs.size());
        Comparator<Object> order = byKey(pair -> {
            Object k = ((Tuple) pair).get(position);
            return ignoreCase && k instanceof String s ? PyStr.lower(s) : k;
        });
        pairs.sort(Py.truthy(a[2]) ? order.reversed() : order);
        return pairs;
    }

    private static Object reverse(Interpreter rt, Object value, Args args) {
        args.bind("filter 'reverse'", List.of());
        if (value instanceof String s) {
            return new StringBuilder(s).reverse().toString();
        }
        boolean iterator = value instanceof PyIterator;
        List<Object> items = new ArrayList<>(items(rt, value));
        Collections.reverse(items);
        return iterator ? items : new PyIterator(Py.typeName(value) + "_reverseiterator", items);
    }

    private static Object sum(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'sum'", List.of("attribute", "start"), null, 0L);
        UnaryOperator<Object> getter = attrGetter(a[0], null, false);
        Object total = a[1];
        if (total instanceof String) {
            throw PyException.type("sum() can't sum strings [use ''.join(seq) instead]");
        }
        for (Object item : items(rt, value)) {
            total = Operators.binary(rt, Expr.BinaryOp.ADD, total, getter.apply(item));
        }
        return total;
    }

    private static Object minMax(Interpreter rt, Object value, Args args, String which) {
        Object[] a = args.bind("filter '" + which + "'", List.of("case_sensitive", "attribute"), false, null);
        UnaryOperator<Object> key = attrGetter(a[1], null, !Py.truthy(a[0]));
        List<Object> items = items(rt, value);
        if (items.isEmpty()) {
            return Undefined.of("No aggregated item, sequence was empty.");
        }
        Object best = items.get(0);
        for (Object item : items.subList(1, items.size())) {
            int c = Py.compare(key.apply(item), key.apply(best), which.equals("min") ? "<" : ">");
            if (c != 2 && (which.equals("min") ? c < 0 : c > 0)) {
                best = item;
            }
        }
        return best;
    }

    private static Object batch(Interpreter rt, Object value, Args args) {
        Object[] a = args.bind("filter 'batch'", List.of("linecount", "fill_with"), Args.REQUIRED, null);
        long size = StringMethods.integer(a[0], "batch()");
        if (size <= 0) {
            throw PyException.value("batch size must be positive");
        }
        List<Object> items = items(rt, value);
        List<Object> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += (int) Math.min(size, Integer.MAX_VALUE)) {
            List<Object> chunk = new ArrayList<>(items.subList(i, (int) Math.min(items.size(), i + size)));
            if (chunk.size() < size && a[1] != null) {
                rt.checkSize(size);
                while (chunk.size() < size) {
                    chunk.add(a[1]);
                }
            }
            batches.add(chunk);
        }
        return new PyIterator("generator", batches);
    }
}
