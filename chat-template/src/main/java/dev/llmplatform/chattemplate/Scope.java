package dev.llmplatform.chattemplate;

import java.util.HashMap;
import java.util.Map;

/**
 * Variables of one frame: the template's top level, one loop iteration, a macro call, a {@code with} or block body.
 * Lookups fall back to the enclosing frame; assignments stay in this frame, so (as in jinja2) a {@code set} inside a
 * loop does not change the variable outside it.
 */
final class Scope {

    /** Returned by {@link #lookup} for a name no frame defines. */
    static final Object MISSING = new Object();

    private final Scope parent;
    private final Map<String, Object> vars = new HashMap<>(4);

    Scope(Scope parent) {
        this.parent = parent;
    }

    Object lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Object value = s.vars.getOrDefault(name, MISSING);
            if (value != MISSING) {
                return value;
            }
        }
        return MISSING;
    }

    void set(String name, Object value) {
        vars.put(name, value);
    }

    Scope child() {
        return new Scope(this);
    }
}
