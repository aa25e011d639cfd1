package dev.llmplatform.chattemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-shot Python iterator, the result of filters such as {@code map}, {@code select}, {@code selectattr} or
 * {@code reverse}: always truthy, without a length, consumed by iterating (a second loop over it sees nothing).
 */
final class PyIterator {

    private final String typeName;
    private final List<Object> items;
    private int position;

    private final PyException deferred;

    PyIterator(String typeName, List<Object> items) {
        this(typeName, items, null);
    }

    private PyIterator(String typeName, List<Object> items, PyException deferred) {
        this.typeName = typeName;
        this.items = items;
        this.deferred = deferred;
    }

    /** A generator whose body raises {@code error} when first iterated (Python generators run lazily). */
    static PyIterator failing(PyException error) {
        return new PyIterator("generator", List.of(), error);
    }

    String typeName() {
        return typeName;
    }

    /** The items not yet consumed, without consuming them (none for a generator that fails when iterated). */
    List<Object> peek() {
        return deferred != null ? List.of() : new ArrayList<>(items.subList(position, items.size()));
    }

    /** The items not yet consumed; consumes them. */
    List<Object> drain() {
        if (deferred != null) {
            throw deferred;
        }
        List<Object> rest = new ArrayList<>(items.subList(position, items.size()));
        position = items.size();
        return rest;
    }
}
