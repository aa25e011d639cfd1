package dev.llmplatform.gguf;

import java.util.Arrays;

/**
 * One tensor's description from a GGUF header; the weights themselves are not read.
 *
 * @param name       the tensor name, for example {@code token_embd.weight}
 * @param dimensions the sizes of its dimensions, innermost first (1 to 4 entries)
 * @param type       the element type
 * @param offset     the byte offset of its data, relative to {@link GgufFile#tensorDataStart()}
 * @param byteSize   the bytes its data takes in the file
 */
public record GgufTensorInfo(String name, long[] dimensions, GgmlType type, long offset, long byteSize) {

    /** Copies the dimensions so the record stays immutable. */
    public GgufTensorInfo {
        dimensions = dimensions.clone();
    }

    @Override
    public long[] dimensions() {
        return dimensions.clone();
    }

    /** The number of elements (product of the dimensions). */
    public long elementCount() {
        long count = 1;
        for (long d : dimensions) {
            count *= d;
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GgufTensorInfo t && name.equals(t.name) && Arrays.equals(dimensions, t.dimensions)
                && type == t.type && offset == t.offset && byteSize == t.byteSize;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dimensions);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dimensions) + " " + type + " @" + offset;
    }
}
