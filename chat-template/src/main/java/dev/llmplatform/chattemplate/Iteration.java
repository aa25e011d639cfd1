package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python iteration and {@code len()} over template values. */
final class Iteration {

    private Iteration() {
    }

    /** The items {@code for x in value} visits: a dict's keys, a string's characters, nothing for undefined. */
    static List<Object> list(Object value) {
        if (value instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) list;
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        if (value instanceof String s) {
            List<Object> chars = new ArrayList<>(s.length());
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        if (value instanceof PyIterator it) {
            return it.drain();
        }
        if (value instanceof Undefined) {
            return List.of();
        }
        throw PyException.type("'" + Py.typeName(value) + "' object is not iterable");
    }

    static boolean isIterable(Object value) {
        return value instanceof List || value instanceof Map || value instanceof String || value instanceof PyIterator
                || value instanceof Undefined;
    }

    /** Python's {@code len(value)} (0 for undefined, as jinja2's {@code Undefined} has). */
    static long length(Object value) {
        if (value instanceof String s) {
            return PyStr.length(s);
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value instanceof Undefined) {
            return 0;
        }
        if (value instanceof LoopContext loop) {
            return loop.length();
        }
        throw PyException.type("object of type " + Py.repr(Py.typeName(value)) + " has no len()");
    }
}
