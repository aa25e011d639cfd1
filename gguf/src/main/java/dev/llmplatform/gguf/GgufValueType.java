package dev.llmplatform.gguf;

/** The value types of GGUF metadata, with their on-disk ids. */
public enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
    /** A UTF-8 string: a uint64 byte length followed by the bytes. */
    STRING(8, 8),
    /** An array: a uint32 element type, a uint64 count, then the elements. */
    ARRAY(9, 12),
    UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private static final GgufValueType[] BY_ID = values();

    private final int id;
    private final int minBytes;

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    /** The id written in the file. */
    public int id() {
        return id;
    }

    /** The fewest bytes one value of this type takes in a file (its exact size for fixed-size types). */
    int minBytes() {
        return minBytes;
    }

    /** Whether this is one of the integer types (booleans excluded). */
    public boolean isInteger() {
        return this == UINT8 || this == INT8 || this == UINT16 || this == INT16 || this == UINT32 || this == INT32
                || this == UINT64 || this == INT64;
    }

    /** The type with this id, or null when the id is unknown. */
    static GgufValueType fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
