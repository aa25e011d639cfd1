package dev.llmplatform.chattemplate;

import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/** Python {@code str} methods, with code point indices. */
final class StringMethods {

    static final Set<String> NAMES = Set.of("capitalize", "casefold", "center", "count", "endswith", "find",
            "format", "index", "isalnum", "isalpha", "isdecimal", "isdigit", "islower", "isnumeric", "isspace",
            "istitle", "isupper", "join", "ljust", "lower", "lstrip", "partition", "removeprefix", "removesuffix",
            "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines",
            "startswith", "strip", "swapcase", "title", "upper", "zfill");

    private StringMethods() {
    }

    static Object call(Interpreter rt, String s, String name, Args args) {
        String what = "str." + name + "()";
        rt.chargeChars(s.length());
        switch (name) {
            case "strip", "lstrip", "rstrip" -> {
                Object chars = args.bind(what, List.of("chars"), (Object) null)[0];
                return PyStr.strip(s, optionalStr(chars, what), !name.equals("rstrip"), !name.equals("lstrip"));
            }
            case "split", "rsplit" -> {
                Object[] a = args.bind(what, List.of("sep", "maxsplit"), null, -1L);
                String sep = optionalStr(a[0], what);
                long max = integer(a[1], what);
                return name.equals("split") ? PyStr.split(s, sep, max) : PyStr.rsplit(s, sep, max);
            }
            case "splitlines" -> {
                return PyStr.splitlines(s, Py.truthy(args.bind(what, List.of("keepends"), false)[0]));
            }
            case "startswith", "endswith" -> {
                Object[] a = args.bind(what, List.of("prefix", "start", "end"), Args.REQUIRED, null, null);
                String part = window(s, a[1], a[2]);
                List<Object> candidates = a[0] instanceof Tuple t ? t : List.of(a[0]);
                for (Object candidate : candidates) {
                    if (!(candidate instanceof String c)) {
                        throw PyException.type(name + " first arg must be str or a tuple of str, not "
                                + Py.typeName(candidate));
                    }
                    if (name.equals("startswith") ? part.startsWith(c) : part.endsWith(c)) {
                        return true;
                    }
                }
                return false;
            }
            case "replace" -> {
                Object[] a = args.bind(what, List.of("old", "new", "count"), Args.REQUIRED, Args.REQUIRED, -1L);
                String result = PyStr.replace(s, str(a[0], what), str(a[1], what), integer(a[2], what));
                rt.checkSize(result.length());
                return result;
            }
            case "upper" -> {
                return PyStr.upper(noArgs(s, args, what));
            }
            case "lower", "casefold" -> {
                return PyStr.lower(noArgs(s, args, what));
            }
            case "title" -> {
                return PyStr.title(noArgs(s, args, what));
            }
            case "capitalize" -> {
                return PyStr.capitalize(noArgs(s, args, what));
            }
            case "swapcase" -> {
                StringBuilder out = new StringBuilder();
                noArgs(s, args, what).codePoints().forEach(cp -> out.append(Character.isUpperCase(cp)
                        ? PyStr.lower(new String(Character.toChars(cp)))
                        : PyStr.upper(new String(Character.toChars(cp)))));
                return out.toString();
            }
            case "find", "rfind", "index", "rindex", "count" -> {
                return search(s, name, args, what);
            }
            case "join" -> {
                List<Object> items = Iteration.list(args.bind(what, List.of("iterable"), Args.REQUIRED)[0]);
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof String item)) {
                        throw PyException.type("sequence item " + i + ": expected str instance, "
                                + Py.typeName(items.get(i)) + " found");
                    }
                    if (i > 0) {
                        out.append(s);
                    }
                    out.append(item);
                    rt.checkSize(out.length());
                }
                rt.chargeChars(out.length());
                return out.toString();
            }
            case "format" -> {
                return PyFormat.format(rt, s, args);
            }
            case "isalnum" -> {
                return test(s, args, what, Character::isLetterOrDigit);
            }
            case "isalpha" -> {
                return test(s, args, what, Character::isLetter);
            }
            case "isdigit", "isdecimal", "isnumeric" -> {
                return test(s, args, what, Character::isDigit);
            }
            case "isspace" -> {
                return test(s, args, what, PyStr::isSpace);
            }
            case "islower", "isupper" -> {
                return isCasedAs(noArgs(s, args, what), name.equals("isupper"));
            }
            case "istitle" -> {
                return !noArgs(s, args, what).isEmpty() && s.equals(PyStr.title(s))
                        && s.codePoints().anyMatch(PyStr::isCased);
            }
            case "center", "ljust", "rjust" -> {
                Object[] a = args.bind(what, List.of("width", "fillchar"), Args.REQUIRED, " ");
                return pad(rt, s, name, integer(a[0], what), str(a[1], what));
            }
            case "zfill" -> {
                long width = integer(args.bind(what, List.of("width"), Args.REQUIRED)[0], what);
                int n = PyStr.length(s);
                if (width <= n) {
                    return s;
                }
                rt.checkSize(width);
                boolean signed = s.startsWith("+") || s.startsWith("-");
                String zeros = "0".repeat((int) (width - n));
                return signed ? s.charAt(0) + zeros + s.substring(1) : zeros + s;
            }
            case "partition", "rpartition" -> {
                String sep = str(args.bind(what, List.of("sep"), Args.REQUIRED)[0], what);
                if (sep.isEmpty()) {
                    throw PyException.value("empty separator");
                }
                int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
                if (at < 0) {
                    return name.equals("partition") ? Tuple.of(s, "", "") : Tuple.of("", "", s);
                }
                return Tuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
            }
            case "removeprefix" -> {
                String prefix = str(args.bind(what, List.of("prefix"), Args.REQUIRED)[0], what);
                return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
            }
            case "removesuffix" -> {
                String suffix = str(args.bind(what, List.of("suffix"), Args.REQUIRED)[0], what);
                return !suffix.isEmpty() && s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
            }
            default -> throw new IllegalStateException(name);
        }
    }

    /** Python's {@code isupper()} ({@code upper}) or {@code islower()}: some cased character, none of the other case. */
    static boolean isCasedAs(String s, boolean upper) {
        return s.codePoints().anyMatch(PyStr::isCased)
                && s.codePoints().noneMatch(upper ? Character::isLowerCase : Character::isUpperCase);
    }

    private static Object search(String s, String name, Args args, String what) {
        Object[] a = args.bind(what, List.of("sub", "start", "end"), Args.REQUIRED, null, null);
        String sub = str(a[0], what);
        int n = PyStr.length(s);
        int from = bound(a[1], n, 0);
        int to = bound(a[2], n, n);
        if (from > to || from > n) {
            if (name.equals("count")) {
                return 0L;
            }
            return notFound(name);
        }
        int charFrom = PyStr.toCharIndex(s, from);
        String window = s.substring(charFrom, PyStr.toCharIndex(s, to));
        if (name.equals("count")) {
            if (sub.isEmpty()) {
                return (long) PyStr.length(window) + 1;
            }
            long count = 0;
            for (int i = window.indexOf(sub); i >= 0; i = window.indexOf(sub, i + sub.length())) {
                count++;
            }
            return count;
        }
        int at = name.startsWith("r") ? window.lastIndexOf(sub) : window.indexOf(sub);
        if (at < 0) {
            return notFound(name);
        }
        return (long) from + PyStr.toCodePointIndex(window, at);
    }

    private static Object notFound(String name) {
        if (name.endsWith("index")) {
            throw PyException.value("substring not found");
        }
        return -1L;
    }

    /** A start/end argument clamped like a slice bound. */
    private static int bound(Object v, int n, int absent) {
        if (v == null) {
            return absent;
        }
        long i = integer(v, "slice");
        if (i < 0) {
            i = Math.max(0, i + n);
        }
        return (int) Math.min(i, n);
    }

    private static String window(String s, Object start, Object end) {
        if (start == null && end == null) {
            return s;
        }
        int n = PyStr.length(s);
        int from = bound(start, n, 0);
        int to = bound(end, n, n);
        return from >= to ? "" : s.substring(PyStr.toCharIndex(s, from), PyStr.toCharIndex(s, to));
    }

    private static String pad(Interpreter rt, String s, String how, long width, String fill) {
        if (PyStr.length(fill) != 1) {
            throw PyException.type("The fill character must be exactly one character long");
        }
        int n = PyStr.length(s);
        if (width <= n) {
            return s;
        }
        rt.checkSize(width);
        int total = (int) (width - n);
        int left = switch (how) {
            case "ljust" -> 0;
            case "rjust" -> total;
            default -> total / 2 + (total & (int) width & 1);
        };
        return fill.repeat(left) + s + fill.repeat(total - left);
    }

    private static boolean test(String s, Args args, String what, IntPredicate predicate) {
        return PyStr.all(noArgs(s, args, what), predicate);
    }

    private static String noArgs(String s, Args args, String what) {
        args.bind(what, List.of());
        return s;
    }

    static String str(Object v, String what) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Undefined u) {
            throw u.error();
        }
        throw PyException.type(what + " argument must be str, not " + Py.typeName(v));
    }

    private static String optionalStr(Object v, String what) {
        return v == null ? null : str(v, what);
    }

    static long integer(Object v, String what) {
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (!Py.isInt(v)) {
            throw PyException.type("'" + Py.typeName(v) + "' object cannot be interpreted as an integer");
        }
        return Py.asLong(v);
    }
}
