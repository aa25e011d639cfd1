package dev.llmplatform.chattemplate;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** An immutable Python tuple; a {@link List} everywhere, except that it renders as {@code (a, b)}. */
final class Tuple extends AbstractList<Object> implements RandomAccess {

    static final Tuple EMPTY = new Tuple(new Object[0]);

    private final Object[] items;

    private Tuple(Object[] items) {
        this.items = items;
    }

    static Tuple of(Object... items) {
        return new Tuple(items.clone());
    }

    static Tuple copyOf(List<?> items) {
        return new Tuple(items.toArray());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
