package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attribute and item access as jinja2's sandbox does it: {@code x.name} tries the attribute (a safe method of a
 * str, dict or list) and then the item; {@code x[key]} tries the item and then, for a string key, the attribute.
 * Anything missing is {@link Undefined}; methods that would modify a value are blocked (unsafe undefined); on an
 * undefined value both raise.
 */
final class Attributes {

    private Attributes() {
    }

    static Object getattr(Object obj, String name) {
        if (obj instanceof Undefined u) {
            throw u.error();
        }
        Object attribute = attribute(obj, name);
        if (attribute != Scope.MISSING) {
            return attribute;
        }
        Object item = item(obj, name);
        return item != Scope.MISSING ? item : Undefined.missing(obj, name);
    }

    static Object getitem(Object obj, Object key) {
        if (obj instanceof Undefined u) {
            throw u.error();
        }
        Object item = item(obj, key);
        if (item != Scope.MISSING) {
            return item;
        }
        if (key instanceof String name) {
            Object attribute = attribute(obj, name);
            if (attribute != Scope.MISSING) {
                return attribute;
            }
        }
        return Undefined.missing(obj, key);
    }

    /** A Python attribute: a method, a namespace attribute or a loop variable; {@link Scope#MISSING} if none. */
    static Object attribute(Object obj, String name) {
        if (name.startsWith("__") && name.endsWith("__")) {
            return Undefined.unsafe(obj, name);
        }
        if (obj instanceof Namespace ns) {
            return ns.attributes.getOrDefault(name, Scope.MISSING);
        }
        if (obj instanceof LoopContext loop) {
            return loop.attribute(name);
        }
        Methods.Kind kind = Methods.kind(obj, name);
        return switch (kind) {
            case SAFE -> new Builtins.BoundMethod(obj, name);
            case UNSAFE -> Undefined.unsafe(obj, name);
            case NONE -> Scope.MISSING;
        };
    }

    /** {@code obj[key]} without the attribute fallback; {@link Scope#MISSING} when there is no such item. */
    private static Object item(Object obj, Object key) {
        if (obj instanceof Map<?, ?> map) {
            Object lookupKey = key instanceof Boolean b && !map.containsKey(key) ? (Object) (b ? 1L : 0L) : key;
            return map.containsKey(lookupKey) ? map.get(lookupKey) : Scope.MISSING;
        }
        if (!Py.isInt(key)) {
            return Scope.MISSING;
        }
        long index = Py.asLong(key);
        if (obj instanceof List<?> list) {
            long i = index < 0 ? index + list.size() : index;
            return i >= 0 && i < list.size() ? list.get((int) i) : Scope.MISSING;
        }
        if (obj instanceof String s) {
            int n = PyStr.length(s);
            long i = index < 0 ? index + n : index;
            if (i < 0 || i >= n) {
                return Scope.MISSING;
            }
            int at = PyStr.toCharIndex(s, (int) i);
            return new String(Character.toChars(s.codePointAt(at)));
        }
        return Scope.MISSING;
    }

    /** {@code obj[start:stop:step]} with Python's slice semantics, for lists, tuples and strings. */
    static Object slice(Object obj, Object start, Object stop, Object step) {
        if (obj instanceof Undefined u) {
            throw u.error();
        }
        long st = step == null ? 1 : sliceIndex(step);
        if (st == 0) {
            throw PyException.value("slice step cannot be zero");
        }
        if (obj instanceof String s) {
            int[] cps = PyStr.codePoints(s);
            int[] picked = indices(cps.length, start, stop, st).stream().mapToInt(i -> cps[i]).toArray();
            return new String(picked, 0, picked.length);
        }
        if (obj instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i : indices(list.size(), start, stop, st)) {
                out.add(list.get(i));
            }
            return obj instanceof Tuple ? Tuple.copyOf(out) : out;
        }
        if (obj instanceof Map) {
            throw PyException.type("unhashable type: 'slice'");
        }
        throw PyException.type(Py.repr(Py.typeName(obj)) + " object is not subscriptable");
    }

    private static long sliceIndex(Object v) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (!Py.isInt(v)) {
            throw PyException.type("slice indices must be integers or None or have an __index__ method");
        }
        return Py.asLong(v);
    }

    static List<Integer> indices(int length, Object startValue, Object stopValue, long step) {
        long lower = step < 0 ? -1 : 0;
        long upper = step < 0 ? length - 1 : length;
        long start = startValue == null ? (step < 0 ? upper : lower) : clamp(sliceIndex(startValue), length, lower,
                upper);
        long stop = stopValue == null ? (step < 0 ? lower : upper) : clamp(sliceIndex(stopValue), length, lower,
                upper);
        List<Integer> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add((int) i);
        }
        return out;
    }

    private static long clamp(long index, int length, long lower, long upper) {
        if (index < 0) {
            index += length;
            return Math.max(index, lower);
        }
        return Math.min(index, upper);
    }
}
