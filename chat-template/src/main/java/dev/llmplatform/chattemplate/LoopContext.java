package dev.llmplatform.chattemplate;

import java.util.List;

/** The {@code loop} variable of a {@code for} loop. */
final class LoopContext {

    private final List<Object> items;
    private int index0;
    private Object lastChanged = Scope.MISSING;

    LoopContext(List<Object> items) {
        this.items = items;
    }

    void advance(int newIndex0) {
        index0 = newIndex0;
    }

    int index0() {
        return index0;
    }

    int length() {
        return items.size();
    }

    /** The value of {@code loop.<name>}, or {@link Scope#MISSING}. */
    Object attribute(String name) {
        int n = items.size();
        return switch (name) {
            case "index" -> (long) index0 + 1;
            case "index0" -> (long) index0;
            case "revindex" -> (long) (n - index0);
            case "revindex0" -> (long) (n - index0 - 1);
            case "first" -> index0 == 0;
            case "last" -> index0 == n - 1;
            case "length" -> (long) n;
            case "depth" -> 1L;
            case "depth0" -> 0L;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : Undefined.of("there is no previous item");
            case "nextitem" -> index0 + 1 < n ? items.get(index0 + 1) : Undefined.of("there is no next item");
            case "cycle" -> new Builtins.Function("loop.cycle", (rt, args) -> cycle(args));
            case "changed" -> new Builtins.Function("loop.changed", (rt, args) -> changed(args));
            default -> Scope.MISSING;
        };
    }

    private Object cycle(Args args) {
        if (!args.keywords().isEmpty()) {
            throw PyException.type("cycle() takes no keyword arguments");
        }
        if (args.positional().isEmpty()) {
            throw PyException.type("no items for cycling given");
        }
        return args.positional().get(index0 % args.positional().size());
    }

    private Object changed(Args args) {
        Object value = Tuple.copyOf(args.positional());
        if (lastChanged == Scope.MISSING || !Py.eq(value, lastChanged)) {
            lastChanged = value;
            return true;
        }
        return false;
    }
}
