package dev.llmplatform.gguf;

import java.util.Arrays;
import java.util.List;

/**
 * A metadata array. Elements are kept in a primitive array per type: {@code long[]} for all integer types,
 * {@code float[]} for float32, {@code double[]} for float64, {@code boolean[]}, {@code String[]}, or nested
 * {@code GgufArray[]}. The accessors return copies, so an instance is immutable and safe to share between threads.
 */
public final class GgufArray {

    private final GgufValueType elementType;
    private final Object elements;
    private final int size;

    GgufArray(GgufValueType elementType, Object elements, int size) {
        this.elementType = elementType;
        this.elements = elements;
        this.size = size;
    }

    /** The type of every element. */
    public GgufValueType elementType() {
        return elementType;
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** The elements of a string array. */
    public List<String> strings() {
        return List.of((String[]) require(GgufValueType.STRING, "strings"));
    }

    /** The elements of an integer array (any integer width) as longs. */
    public long[] longs() {
        if (!elementType.isInteger()) {
            throw mismatch("integers");
        }
        return ((long[]) elements).clone();
    }

    /** The elements of an integer array, each checked to fit an int. */
    public int[] ints() {
        long[] values = longs();
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                throw new IllegalStateException("GGUF array element " + i + " = " + values[i] + " does not fit an int");
            }
            result[i] = (int) values[i];
        }
        return result;
    }

    /** The elements of a float32 or float64 array as floats. */
    public float[] floats() {
        if (elementType == GgufValueType.FLOAT32) {
            return ((float[]) elements).clone();
        }
        double[] doubles = (double[]) require(GgufValueType.FLOAT64, "floats");
        float[] result = new float[doubles.length];
        for (int i = 0; i < doubles.length; i++) {
            result[i] = (float) doubles[i];
        }
        return result;
    }

    /** The elements of a bool array. */
    public boolean[] booleans() {
        return ((boolean[]) require(GgufValueType.BOOL, "bools")).clone();
    }

    /** The elements of an array of arrays. */
    public List<GgufArray> arrays() {
        return List.of((GgufArray[]) require(GgufValueType.ARRAY, "arrays"));
    }

    private Object require(GgufValueType wanted, String what) {
        if (elementType != wanted) {
            throw mismatch(what);
        }
        return elements;
    }

    private IllegalStateException mismatch(String what) {
        return new IllegalStateException("GGUF array of " + elementType + " does not hold " + what);
    }

    @Override
    public String toString() {
        String head = switch (elementType) {
            case STRING -> Arrays.toString(Arrays.copyOf((String[]) elements, Math.min(size, 8)));
            case ARRAY -> Arrays.toString(Arrays.copyOf((GgufArray[]) elements, Math.min(size, 8)));
            default -> "";
        };
        return "array<" + elementType + ">[" + size + "]" + head;
    }
}
