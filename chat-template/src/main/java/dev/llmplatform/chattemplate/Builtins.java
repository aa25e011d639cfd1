package dev.llmplatform.chattemplate;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The global functions a chat template sees: jinja2's {@code range} (capped like the sandbox's),
 * {@code dict} and {@code namespace}, and transformers' {@code raise_exception} and {@code strftime_now}.
 */
final class Builtins {

    /** jinja2's sandbox refuses larger ranges ({@code MAX_RANGE}). */
    static final int MAX_RANGE = 100_000;

    private Builtins() {
    }

    /** A builtin callable. */
    record Function(String name, Impl impl) implements PyCallable {

        @Override
        public Object call(Interpreter rt, Args args) {
            return impl.call(rt, args);
        }

        @Override
        public String describe() {
            return "<built-in function " + name + ">";
        }
    }

    @FunctionalInterface
    interface Impl {
        Object call(Interpreter rt, Args args);
    }

    /** A method of a value ({@code 'a,b'.split}); calling it runs {@link Methods#call}. */
    record BoundMethod(Object receiver, String name) implements PyCallable {

        @Override
        public Object call(Interpreter rt, Args args) {
            return Methods.call(rt, receiver, name, args);
        }

        @Override
        public String describe() {
            return "<built-in method " + name + " of " + Py.typeName(receiver) + " object>";
        }
    }

    /** Python's {@code range}: a read-only list of ints. */
    static final class Range extends AbstractList<Object> implements RandomAccess {

        final long start;
        final long stop;
        final long step;
        private final int size;

        Range(long start, long stop, long step) {
            this.start = start;
            this.stop = stop;
            this.step = step;
            long n = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
            if (n > MAX_RANGE) {
                throw new PyException(PyException.Kind.OVERFLOW, "Range too big. The sandbox blocks ranges larger "
                        + "than MAX_RANGE (" + MAX_RANGE + ").");
            }
            this.size = (int) Math.max(0, n);
        }

        @Override
        public Object get(int index) {
            return start + step * index;
        }

        @Override
        public int size() {
            return size;
        }
    }

    static Map<String, Object> globals(Clock clock) {
        Map<String, Object> globals = new HashMap<>();
        globals.put("range", new Function("range", Builtins::range));
        globals.put("dict", new Function("dict", (rt, args) -> dict(args)));
        globals.put("namespace", new Function("namespace", (rt, args) -> {
            Namespace ns = new Namespace();
            dict(args).forEach((k, v) -> ns.attributes.put(Py.str(k), v));
            return ns;
        }));
        globals.put("joiner", new Function("joiner", (rt, args) -> {
            String separator = Py.str(args.bind("joiner()", List.of("sep"), ", ")[0]);
            boolean[] used = {false};
            return new Function("joiner", (rt2, a) -> {
                a.bind("joiner()", List.of());
                if (used[0]) {
                    return separator;
                }
                used[0] = true;
                return "";
            });
        }));
        globals.put("raise_exception", new Function("raise_exception", (rt, args) -> {
            Object[] a = args.bind("raise_exception()", List.of("message"), Args.REQUIRED);
            throw new PyException(PyException.Kind.RAISED, Py.str(a[0]));
        }));
        globals.put("strftime_now", new Function("strftime_now", (rt, args) -> {
            Object[] a = args.bind("strftime_now()", List.of("format"), Args.REQUIRED);
            if (!(a[0] instanceof String format)) {
                throw PyException.type("strftime() argument 1 must be str, not " + Py.typeName(a[0]));
            }
            return Strftime.format(ZonedDateTime.now(clock), format);
        }));
        return globals;
    }

    private static Object range(Interpreter rt, Args args) {
        if (!args.keywords().isEmpty()) {
            throw PyException.type("range() takes no keyword arguments");
        }
        List<Object> p = args.positional();
        if (p.isEmpty() || p.size() > 3) {
            throw PyException.type("range expected 1 to 3 arguments, got " + p.size());
        }
        long[] n = new long[p.size()];
        for (int i = 0; i < n.length; i++) {
            if (p.get(i) instanceof Undefined u) {
                throw u.error();
            }
            if (!Py.isInt(p.get(i))) {
                throw PyException.type("'" + Py.typeName(p.get(i)) + "' object cannot be interpreted as an integer");
            }
            n[i] = Py.asLong(p.get(i));
        }
        long start = n.length == 1 ? 0 : n[0];
        long stop = n.length == 1 ? n[0] : n[1];
        long step = n.length == 3 ? n[2] : 1;
        if (step == 0) {
            throw PyException.value("range() arg 3 must not be zero");
        }
        Range range = new Range(start, stop, step);
        rt.step(range.size());
        return range;
    }

    /** Python's {@code dict(mapping_or_pairs, **kwargs)}. */
    static Map<Object, Object> dict(Args args) {
        Map<Object, Object> result = new LinkedHashMap<>();
        if (args.positional().size() > 1) {
            throw PyException.type("dict expected at most 1 argument, got " + args.positional().size());
        }
        if (args.positional().size() == 1) {
            Object source = args.positional().get(0);
            if (source instanceof Map<?, ?> map) {
                result.putAll(map);
            } else {
                for (Object pair : Iteration.list(source)) {
                    List<Object> kv = Iteration.list(pair);
                    if (kv.size() != 2) {
                        throw PyException.value("dictionary update sequence element has length " + kv.size()
                                + "; 2 is required");
                    }
                    result.put(kv.get(0), kv.get(1));
                }
            }
        }
        result.putAll(args.keywords());
        return result;
    }
}
