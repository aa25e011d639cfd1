package dev.llmplatform.chattemplate;

import java.util.BitSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How each operation of a tracked render passes request ownership from its inputs to its result (see
 * {@link Provenance}). Each rule runs after the operation, on its inputs and its result, and never changes the
 * result: concatenation ({@code +}, {@code ~}), repetition, {@code join}, indexing, slicing, {@code strip} /
 * {@code lstrip} / {@code rstrip} / {@code trim} and {@code split} / {@code rsplit} keep exact masks; every other
 * operation marks its string results request-owned in full when any input holds request data.
 */
final class ProvenanceRules {

    private ProvenanceRules() {
    }

    /** The items {@code join} will consume, taken before the call when they sit in a one-shot iterator. */
    static List<Object> snapshot(Object iterable) {
        return iterable instanceof PyIterator it ? it.peek() : null;
    }

    static Object binary(Provenance p, Expr.BinaryOp op, Object a, Object b, Object result) {
        if (!(result instanceof String r)) {
            return result;
        }
        switch (op) {
            case CONCAT, ADD -> {
                int left = (a instanceof String s ? s : Py.str(a)).length();
                return p.record(r, new Provenance.MaskBuilder().add(p.maskOf(a), left)
                        .add(p.maskOf(b), r.length() - left).build());
            }
            case MUL -> {
                String unit = a instanceof String s ? s : (String) b;
                if (unit.isEmpty()) {
                    return r;
                }
                BitSet mask = p.maskOf(unit);
                Provenance.MaskBuilder repeated = new Provenance.MaskBuilder();
                for (int i = 0; i < r.length() / unit.length(); i++) {
                    repeated.add(mask, unit.length());
                }
                return p.record(r, repeated.build());
            }
            default -> {
                return p.derived(r, () -> p.tainted(a) || p.tainted(b));
            }
        }
    }

    /** {@code s[i]}: the one code point keeps its bits. */
    static Object getItem(Provenance p, Object object, Object key, Object result) {
        if (object instanceof String s && result instanceof String r && Py.isInt(key)) {
            long index = Py.asLong(key);
            long i = index < 0 ? index + PyStr.length(s) : index;
            int at = PyStr.toCharIndex(s, (int) i);
            return p.record(r, Provenance.sub(p.maskOf(s), at, at + r.length()));
        }
        return result;
    }

    /** {@code s[start:stop:step]}: each picked code point keeps its bits. */
    static Object slice(Provenance p, Object object, Object start, Object stop, Object step, Object result) {
        if (!(object instanceof String s) || !(result instanceof String r)) {
            return result;
        }
        int[] charIndex = charIndices(s);
        BitSet mask = p.maskOf(s);
        Provenance.MaskBuilder picked = new Provenance.MaskBuilder();
        long st = step == null ? 1 : Py.asLong(step);
        for (int cp : Attributes.indices(charIndex.length - 1, start, stop, st)) {
            picked.add(Provenance.sub(mask, charIndex[cp], charIndex[cp + 1]), charIndex[cp + 1] - charIndex[cp]);
        }
        return p.record(r, picked.build());
    }

    /** The characters a {@code for} loop visits in a string keep their bits. */
    static void chars(Provenance p, String s, List<Object> chars) {
        BitSet mask = p.maskOf(s);
        int at = 0;
        for (Object c : chars) {
            String ch = (String) c;
            p.record(ch, Provenance.sub(mask, at, at + ch.length()));
            at += ch.length();
        }
    }

    static Object filter(Provenance p, String name, Object value, List<Object> snapshot, Args args, Object result) {
        switch (name) {
            case "trim" -> {
                if (result instanceof String r) {
                    Object chars = args.bind("filter 'trim'", List.of("chars"), (Object) null)[0];
                    String s = Py.str(value);
                    int[] range = PyStr.stripRange(s, (String) chars, true, true);
                    return p.record(r, Provenance.sub(p.maskOf(value), range[0], range[1]));
                }
                return result;
            }
            case "join" -> {
                if (result instanceof String r && !(value instanceof String)) {
                    Object[] a = args.bind("filter 'join'", List.of("d", "attribute"), "", null);
                    List<Object> items = snapshot != null ? snapshot : Iteration.list(value);
                    return join(p, r, a[0], items, SequenceFilters.attrGetter(a[1], null, false));
                }
                return p.derived(result, () -> p.tainted(value) || p.tainted(args));
            }
            case "string", "safe" -> {
                return value instanceof String ? result : p.derived(result, () -> p.tainted(value));
            }
            default -> {
                return p.derived(result, () -> p.tainted(value) || p.tainted(args));
            }
        }
    }

    static Object method(Provenance p, Object receiver, String name, Args args, List<Object> snapshot,
                         Object result) {
        if (!(receiver instanceof String s)) {
            return p.derived(result, () -> p.tainted(receiver) || p.tainted(args));
        }
        String what = "str." + name + "()";
        switch (name) {
            case "strip", "lstrip", "rstrip" -> {
                String chars = (String) args.bind(what, List.of("chars"), (Object) null)[0];
                int[] range = PyStr.stripRange(s, chars, !name.equals("rstrip"), !name.equals("lstrip"));
                return p.record((String) result, Provenance.sub(p.maskOf(s), range[0], range[1]));
            }
            case "split", "rsplit" -> {
                String sep = (String) args.bind(what, List.of("sep", "maxsplit"), null, -1L)[0];
                split(p, s, sep, (List<?>) result);
                return result;
            }
            case "join" -> {
                Object iterable = args.bind(what, List.of("iterable"), Args.REQUIRED)[0];
                if (iterable instanceof String) {
                    return p.derived(result, () -> true);
                }
                List<Object> items = snapshot != null ? snapshot : Iteration.list(iterable);
                return join(p, (String) result, s, items, UnaryOperator.identity());
            }
            default -> {
                return p.derived(result, () -> p.tainted(s) || p.tainted(args));
            }
        }
    }

    /** A call of a global function or macro ({@link Builtins.BoundMethod}s go to {@link #method}). */
    static Object call(Provenance p, Object callee, Args args, Object result) {
        // Macros and call-block callers return their rendered output, already registered. Of the globals only
        // strftime_now makes a string; joiner() and loop.cycle() return strings passed in before, kept as they are.
        if (callee instanceof Builtins.Function f && f.name().equals("strftime_now")) {
            return p.derived(result, () -> p.tainted(args));
        }
        return result;
    }

    private static String join(Provenance p, String result, Object separator, List<Object> items,
                               UnaryOperator<Object> getter) {
        String sep = Py.str(separator);
        BitSet sepMask = p.maskOf(separator);
        Provenance.MaskBuilder mask = new Provenance.MaskBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                mask.add(sepMask, sep.length());
            }
            Object item = getter.apply(items.get(i));
            mask.add(p.maskOf(item), Py.str(item).length());
        }
        return p.record(result, mask.length() == result.length() ? mask.build() : null);
    }

    /** Each part of {@code s.split(sep)} or {@code rsplit} keeps the bits of where it lies in {@code s}. */
    private static void split(Provenance p, String s, String sep, List<?> parts) {
        BitSet mask = p.maskOf(s);
        int at = 0;
        for (Object part : parts) {
            String piece = (String) part;
            // With a separator the parts lie exactly one separator apart; on whitespace, each part starts at the
            // first non-space character after the previous one (a leftmost rsplit remainder starts at 0).
            int start = sep != null ? at : s.indexOf(piece, at);
            p.record(piece, Provenance.sub(mask, start, start + piece.length()));
            at = start + piece.length() + (sep != null ? sep.length() : 0);
        }
    }

    /** The UTF-16 index of each code point of {@code s}, and {@code s.length()} last. */
    private static int[] charIndices(String s) {
        int[] indices = new int[s.codePointCount(0, s.length()) + 1];
        int at = 0;
        for (int i = 0; i < indices.length - 1; i++) {
            indices[i] = at;
            at += Character.charCount(s.codePointAt(at));
        }
        indices[indices.length - 1] = s.length();
        return indices;
    }
}
