package dev.llmplatform.gguf;

import java.util.Objects;

/**
 * One metadata value with its GGUF type.
 *
 * <p>The Java value is a {@link Long} for every integer type (a {@code uint64} above {@link Long#MAX_VALUE} keeps its
 * raw bits, so it reads as negative), a {@link Double} for {@code float32}/{@code float64}, a {@link Boolean}, a
 * {@link String} (UTF-8 decoded, malformed bytes replaced by U+FFFD) or a {@link GgufArray}.
 *
 * @param type  the type written in the file
 * @param value the decoded value, never null
 */
public record GgufValue(GgufValueType type, Object value) {

    /** Checks that the value is not null. */
    public GgufValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** The integer value; throws IllegalStateException when this is not an integer. */
    public long asLong() {
        if (value instanceof Long l) {
            return l;
        }
        throw mismatch("an integer");
    }

    /** The numeric value of an integer or floating-point value. */
    public double asDouble() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw mismatch("a number");
    }

    /** The boolean value. */
    public boolean asBoolean() {
        if (value instanceof Boolean b) {
            return b;
        }
        throw mismatch("a bool");
    }

    /** The string value. */
    public String asString() {
        if (value instanceof String s) {
            return s;
        }
        throw mismatch("a string");
    }

    /** The array value. */
    public GgufArray asArray() {
        if (value instanceof GgufArray a) {
            return a;
        }
        throw mismatch("an array");
    }

    private IllegalStateException mismatch(String wanted) {
        return new IllegalStateException("GGUF value of type " + type + " is not " + wanted);
    }

    @Override
    public String toString() {
        return value instanceof String s && s.length() > 80 ? type + ":" + s.substring(0, 80) + "..." : type + ":" + value;
    }
}
