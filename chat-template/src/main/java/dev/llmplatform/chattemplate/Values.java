package dev.llmplatform.chattemplate;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies caller data into template values: only strings, numbers, booleans, null, maps, lists and arrays. */
final class Values {

    private static final int MAX_DEPTH = 100;

    private Values() {
    }

    static Object copy(Object value, String path) {
        return copy(value, path, 0, null);
    }

    /**
     * Copies like {@link #copy(Object, String)}, and makes every string a fresh object (the same caller string
     * twice gives the same copy, remembered in {@code freshStrings}), so that no copied string shares identity with
     * a template literal or another caller value (see {@link Provenance}).
     */
    static Object copy(Object value, String path, Map<String, String> freshStrings) {
        return copy(value, path, 0, freshStrings);
    }

    private static Object copy(Object value, String path, int depth, Map<String, String> freshStrings) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value instanceof String s && freshStrings != null) {
            return freshStrings.computeIfAbsent(s, String::new);
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return freshStrings != null ? new String(value.toString()) : value.toString();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof BigInteger b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(path + " is an integer outside the 64-bit range");
            }
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = copy(e.getKey(), path + " key", depth + 1, freshStrings);
                if (key instanceof Map || key instanceof List) {
                    throw new IllegalArgumentException(path + " has a key that is a map or list");
                }
                copy.put(key, copy(e.getValue(), path + "." + e.getKey(), depth + 1, freshStrings));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), path + "[" + i + "]", depth + 1, freshStrings));
            }
            return copy;
        }
        if (value.getClass().isArray()) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                copy.add(copy(Array.get(value, i), path + "[" + i + "]", depth + 1, freshStrings));
            }
            return copy;
        }
        throw new IllegalArgumentException(path + " has a value of type " + value.getClass().getName()
                + "; templates accept only strings, numbers, booleans, null, maps, lists and arrays");
    }
}
