package dev.llmplatform.chattemplate;

/**
 * jinja2's default {@code Undefined}: falsy, renders as the empty string, iterates as empty, has length 0, and
 * raises (with {@link #message()}) when called, indexed, used in arithmetic or ordered. An undefined made by the
 * sandbox for a blocked attribute raises a security error instead.
 */
record Undefined(String message, boolean unsafe) {

    static Undefined named(String name) {
        return new Undefined("'" + name + "' is undefined", false);
    }

    /** What jinja2 says for a missing attribute or item of {@code owner}. */
    static Undefined missing(Object owner, Object key) {
        if (key instanceof String s) {
            return new Undefined("'" + Py.objectTypeRepr(owner) + "' has no attribute " + Py.repr(s), false);
        }
        return new Undefined(Py.objectTypeRepr(owner) + " has no element " + Py.repr(key), false);
    }

    static Undefined of(String message) {
        return new Undefined(message, false);
    }

    static Undefined unsafe(Object owner, String attribute) {
        return new Undefined("access to attribute " + Py.repr(attribute) + " of " + Py.repr(Py.typeName(owner))
                + " object is unsafe.", true);
    }

    PyException error() {
        return new PyException(unsafe ? PyException.Kind.SECURITY : PyException.Kind.UNDEFINED, message);
    }
}
