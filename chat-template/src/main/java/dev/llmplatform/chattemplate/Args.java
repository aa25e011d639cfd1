package dev.llmplatform.chattemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluated call arguments: positional values and keyword values in call order. */
record Args(List<Object> positional, Map<String, Object> keywords) {

    /** Marks a parameter without a default: leaving it out is an error. */
    static final Object REQUIRED = new Object();
    /** A default meaning "not given", told apart from an explicit {@code none}. */
    static final Object ABSENT = new Object();

    static final Args NONE = new Args(List.of(), Map.of());

    static Args of(Object... positional) {
        return new Args(List.of(positional), Map.of());
    }

    int size() {
        return positional.size() + keywords.size();
    }

    /**
     * Binds these arguments to a Python-style signature.
     *
     * @param what     how errors name the callee, e.g. {@code filter 'join'}
     * @param names    the parameter names, in order
     * @param defaults one default per name: a value, {@link #ABSENT}, or {@link #REQUIRED}
     */
    Object[] bind(String what, List<String> names, Object... defaults) {
        if (positional.size() > names.size()) {
            throw PyException.type(what + " takes at most " + names.size() + " argument(s) ("
                    + positional.size() + " given)");
        }
        Object[] bound = new Object[names.size()];
        boolean[] given = new boolean[names.size()];
        for (int i = 0; i < positional.size(); i++) {
            bound[i] = positional.get(i);
            given[i] = true;
        }
        for (Map.Entry<String, Object> kw : keywords.entrySet()) {
            int index = names.indexOf(kw.getKey());
            if (index < 0) {
                throw PyException.type(what + " got an unexpected keyword argument " + Py.repr(kw.getKey()));
            }
            if (given[index]) {
                throw PyException.type(what + " got multiple values for argument " + Py.repr(kw.getKey()));
            }
            bound[index] = kw.getValue();
            given[index] = true;
        }
        for (int i = 0; i < bound.length; i++) {
            if (!given[i]) {
                if (defaults[i] == REQUIRED) {
                    throw PyException.type(what + " missing required argument " + Py.repr(names.get(i)));
                }
                bound[i] = defaults[i];
            }
        }
        return bound;
    }

    /** Keyword arguments as a fresh dict. */
    Map<Object, Object> keywordDict() {
        return new LinkedHashMap<>(keywords);
    }
}
