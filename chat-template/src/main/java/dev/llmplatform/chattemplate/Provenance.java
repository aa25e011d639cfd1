package dev.llmplatform.chattemplate;

import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where the characters of the strings in one tracked render came from (see {@link ChatTemplate#renderTracked}).
 *
 * <p>Values stay plain Java strings, so rendering itself is unchanged; this registry keeps, by string identity, a mask
 * of the request-owned characters of the strings the template writes or builds. The safe side is the default: a
 * string that no rule registered counts as request-owned in full. That covers the caller's strings (copied into fresh
 * objects, so none can share identity with a template literal) and whatever an operation without a precise rule
 * derives from request data. Template literals and {@code bos_token}/{@code eos_token} are registered as template
 * text; the precise rules ({@link ProvenanceRules}) register the exact masks of concatenations, slices, strips,
 * splits, joins and rendered blocks; any other operation whose inputs are all template-owned registers its result as
 * template text ({@link #derived}).
 *
 * <p>Numbers, booleans and {@code None} carry no origin of their own, so their text counts as request-owned wherever
 * they are printed, and they count as request data among an operation's inputs.
 */
final class Provenance {

    /** The mask of a string without request-owned characters; shared, never modified. */
    static final BitSet NONE = new BitSet(0);

    private static final int MAX_DEPTH = 256;

    private final IdentityHashMap<String, BitSet> masks = new IdentityHashMap<>();
    private final Map<String, String> requestCopies = new IdentityHashMap<>();

    /** A caller value as the template sees it: copied like {@link Values#copy}, every string a fresh object. */
    Object requestValue(Object value, String path) {
        return Values.copy(value, path, requestCopies);
    }

    /** Registers {@code s} as template text (a literal, bos/eos) and returns it. */
    String template(String s) {
        if (!s.isEmpty()) {
            masks.putIfAbsent(s, NONE);
        }
        return s;
    }

    /**
     * The request-owned characters of the text {@code value} renders as ({@code str(value)}): null when all of them
     * are, {@link #NONE} when none is; the returned set must not be modified.
     */
    BitSet maskOf(Object value) {
        if (value instanceof String s) {
            return s.isEmpty() ? NONE : masks.get(s);
        }
        if (value instanceof Undefined) {
            return NONE;
        }
        return tainted(value) ? null : NONE;
    }

    /**
     * Registers the mask (null: all request-owned) of a string a precise rule built, and returns the string. The
     * string is fresh, or an input returned as it is whose mask the rule derived from its own; a string registered
     * before keeps the union of both masks.
     */
    String record(String s, BitSet mask) {
        if (s.isEmpty()) {
            return s;
        }
        BitSet old = masks.get(s);
        if (mask == null || mask.nextClearBit(0) >= s.length()) {
            masks.remove(s);
        } else if (old == null) {
            masks.put(s, mask.isEmpty() ? NONE : mask);
        } else if (!mask.isEmpty()) {
            BitSet union = (BitSet) old.clone();
            union.or(mask);
            masks.put(s, union);
        }
        return s;
    }

    /**
     * The result of an operation without a precise rule. When some input was request data, the strings it made stay
     * unregistered, so request-owned in full; otherwise they are computed from template text alone and registered so.
     * {@code fromRequest} (whether some input was request data) is asked only when the result may hold text.
     */
    Object derived(Object result, BooleanSupplier fromRequest) {
        boolean mayHoldText = result instanceof String || result instanceof List || result instanceof Map
                || result instanceof PyIterator;
        if (mayHoldText && !(result instanceof Builtins.Range) && !fromRequest.getAsBoolean()) {
            registerTemplate(result, 0);
        }
        return result;
    }

    private void registerTemplate(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (v instanceof String s) {
            template(s);
        } else if (v instanceof Map<?, ?> map) {
            map.forEach((k, x) -> {
                registerTemplate(k, depth + 1);
                registerTemplate(x, depth + 1);
            });
        } else if (v instanceof List<?> list && !(v instanceof Builtins.Range)) {
            for (Object item : list) {
                registerTemplate(item, depth + 1);
            }
        } else if (v instanceof PyIterator it) {
            registerTemplate(it.peek(), depth + 1);
        }
    }

    /** Whether the arguments of a call hold request data. */
    boolean tainted(Args args) {
        for (Object arg : args.positional()) {
            if (tainted(arg)) {
                return true;
            }
        }
        for (Object arg : args.keywords().values()) {
            if (tainted(arg)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a value is or holds request data (a string with a request-owned character, or a scalar). */
    boolean tainted(Object v) {
        return tainted(v, 0);
    }

    private boolean tainted(Object v, int depth) {
        if (v instanceof String s) {
            if (s.isEmpty()) {
                return false;
            }
            BitSet mask = masks.get(s);
            return mask == null || !mask.isEmpty();
        }
        if (v == null || v instanceof Boolean || v instanceof Number) {
            return true;
        }
        if (depth > MAX_DEPTH) {
            return true;
        }
        if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (tainted(e.getKey(), depth + 1) || tainted(e.getValue(), depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (tainted(item, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (v instanceof PyIterator it) {
            return tainted(it.peek(), depth + 1);
        }
        if (v instanceof Namespace ns) {
            return tainted(ns.attributes, depth + 1);
        }
        return false;
    }

    /** The bits of {@code mask} (null: all set) inside {@code [from, to)}, shifted to start at 0. */
    static BitSet sub(BitSet mask, int from, int to) {
        return mask == null ? null : mask.get(from, to);
    }

    /** ORs {@code mask} (null: all set) over {@code length} characters into {@code target} at {@code offset}. */
    static void orInto(BitSet target, BitSet mask, int offset, int length) {
        if (mask == null) {
            target.set(offset, offset + length);
            return;
        }
        for (int i = mask.nextSetBit(0); i >= 0 && i < length; ) {
            int end = Math.min(mask.nextClearBit(i), length);
            target.set(offset + i, offset + end);
            i = mask.nextSetBit(end);
        }
    }

    /** Builds the mask of a string made of pieces, left to right. */
    static final class MaskBuilder {

        private final BitSet bits = new BitSet();
        private int length;

        /** Appends a piece of {@code pieceLength} characters with the given mask (null: all request-owned). */
        MaskBuilder add(BitSet mask, int pieceLength) {
            orInto(bits, mask, length, pieceLength);
            length += pieceLength;
            return this;
        }

        int length() {
            return length;
        }

        BitSet build() {
            return bits;
        }
    }
}
