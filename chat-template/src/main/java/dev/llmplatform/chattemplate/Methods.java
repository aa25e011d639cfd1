package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Python methods of values that templates call: {@code str} methods (see {@link StringMethods}), and
 * {@code dict.get/items/keys/values/copy}, {@code list.count/index/copy}. Methods that modify a value
 * ({@code list.append}, {@code dict.update}, ...) are blocked as in jinja2's {@code ImmutableSandboxedEnvironment}.
 */
final class Methods {

    enum Kind { SAFE, UNSAFE, NONE }

    private static final Set<String> DICT_SAFE = Set.of("get", "items", "keys", "values", "copy");
    private static final Set<String> DICT_UNSAFE = Set.of("clear", "pop", "popitem", "setdefault", "update");
    private static final Set<String> LIST_SAFE = Set.of("count", "index", "copy");
    private static final Set<String> LIST_UNSAFE =
            Set.of("append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort");

    private Methods() {
    }

    static Kind kind(Object obj, String name) {
        if (obj instanceof String) {
            return StringMethods.NAMES.contains(name) ? Kind.SAFE : Kind.NONE;
        }
        if (obj instanceof Map) {
            return DICT_SAFE.contains(name) ? Kind.SAFE : DICT_UNSAFE.contains(name) ? Kind.UNSAFE : Kind.NONE;
        }
        if (obj instanceof Tuple) {
            return name.equals("count") || name.equals("index") ? Kind.SAFE : Kind.NONE;
        }
        if (obj instanceof List) {
            return LIST_SAFE.contains(name) ? Kind.SAFE : LIST_UNSAFE.contains(name) ? Kind.UNSAFE : Kind.NONE;
        }
        return Kind.NONE;
    }

    static Object call(Interpreter rt, Object obj, String name, Args args) {
        if (obj instanceof String s) {
            return StringMethods.call(rt, s, name, args);
        }
        if (obj instanceof Map<?, ?> map) {
            return dictMethod(rt, map, name, args);
        }
        if (obj instanceof List<?> list) {
            return listMethod(rt, list, name, args);
        }
        throw PyException.type("'" + Py.typeName(obj) + "' object has no method " + Py.repr(name));
    }

    private static Object dictMethod(Interpreter rt, Map<?, ?> map, String name, Args args) {
        String what = "dict." + name + "()";
        rt.step(map.size());
        switch (name) {
            case "get" -> {
                Object[] a = args.bind(what, List.of("key", "default"), Args.REQUIRED, null);
                return map.containsKey(a[0]) ? map.get(a[0]) : a[1];
            }
            case "items" -> {
                args.bind(what, List.of());
                List<Object> items = new ArrayList<>(map.size());
                map.forEach((k, v) -> items.add(Tuple.of(k, v)));
                return items;
            }
            case "keys" -> {
                args.bind(what, List.of());
                return new ArrayList<Object>(map.keySet());
            }
            case "values" -> {
                args.bind(what, List.of());
                return new ArrayList<Object>(map.values());
            }
            case "copy" -> {
                args.bind(what, List.of());
                return new LinkedHashMap<Object, Object>(map);
            }
            default -> throw new IllegalStateException(name);
        }
    }

    private static Object listMethod(Interpreter rt, List<?> list, String name, Args args) {
        String what = Py.typeName(list) + "." + name + "()";
        rt.step(list.size());
        switch (name) {
            case "count" -> {
                Object[] a = args.bind(what, List.of("value"), Args.REQUIRED);
                return list.stream().filter(x -> Py.eq(x, a[0])).count();
            }
            case "index" -> {
                Object[] a = args.bind(what, List.of("value"), Args.REQUIRED);
                for (int i = 0; i < list.size(); i++) {
                    if (Py.eq(list.get(i), a[0])) {
                        return (long) i;
                    }
                }
                throw PyException.value(Py.repr(a[0]) + " is not in list");
            }
            case "copy" -> {
                args.bind(what, List.of());
                return new ArrayList<Object>(list);
            }
            default -> throw new IllegalStateException(name);
        }
    }
}
