package dev.llmplatform.gguf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses a GGUF header (metadata and tensor infos) from a {@link GgufInput}; one instance per file. */
final class GgufParser {

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian int
    private static final int DEFAULT_ALIGNMENT = 32;

    private final GgufInput in;
    private final long fileSize;
    private long arrayElementsRead;
    private long stringBytesRead;

    /** The parsed header parts, before they are wrapped into a {@link GgufFile}. */
    record Header(int version, Map<String, GgufValue> metadata, List<GgufTensorInfo> tensors, long alignment,
                  long tensorDataStart, long tensorDataSize) {
    }

    GgufParser(GgufInput in, long fileSize) {
        this.in = in;
        this.fileSize = fileSize;
    }

    Header parse() throws IOException {
        if (fileSize < 24) {
            throw new GgufFormatException("Not a GGUF file: " + fileSize + " bytes is shorter than the 24-byte header");
        }
        int magic = in.readI32("magic");
        if (magic != MAGIC) {
            throw new GgufFormatException(String.format("Not a GGUF file: magic is 0x%08x, expected 0x%08x (\"GGUF\")",
                    Integer.reverseBytes(magic), Integer.reverseBytes(MAGIC)));
        }
        int version = in.readI32("version");
        if (version != 2 && version != 3) {
            throw new GgufFormatException("Unsupported GGUF version " + version + " (supported: 2, 3)");
        }
        long tensorCount = in.readI64("tensor count");
        long kvCount = in.readI64("metadata count");
        checkCount(tensorCount, GgufLimits.MAX_TENSORS, 24, "tensor count");
        checkCount(kvCount, GgufLimits.MAX_KV, 13, "metadata count");
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = readString(GgufLimits.MAX_KEY_BYTES, "metadata key " + i);
            GgufValueType type = readType("metadata '" + key + "'");
            GgufValue value = readValue(type, key, 0);
            if (metadata.putIfAbsent(key, value) != null) {
                throw new GgufFormatException("GGUF metadata key '" + key + "' appears twice");
            }
        }
        long alignment = alignment(metadata);
        List<GgufTensorInfo> tensors = new ArrayList<>((int) tensorCount);
        for (long i = 0; i < tensorCount; i++) {
            tensors.add(readTensorInfo(i));
        }
        long dataStart = alignUp(in.position(), alignment);
        long dataSize = checkTensorLayout(tensors, dataStart, alignment);
        return new Header(version, metadata, List.copyOf(tensors), alignment, dataStart, dataSize);
    }

    private void checkCount(long count, long max, long minBytesEach, String what) throws GgufFormatException {
        if (count < 0 || count > max) {
            throw new GgufFormatException("GGUF " + what + " " + Long.toUnsignedString(count) + " is out of range (0.."
                    + max + ")");
        }
        if (count * minBytesEach > in.remaining()) {
            throw new GgufFormatException("GGUF " + what + " " + count + " needs at least " + count * minBytesEach
                    + " bytes but only " + in.remaining() + " remain in the file");
        }
    }

    private GgufValueType readType(String what) throws IOException {
        long id = in.readU32(what + " type");
        GgufValueType type = GgufValueType.fromId((int) Math.min(id, Integer.MAX_VALUE));
        if (type == null) {
            throw new GgufFormatException("GGUF " + what + " has unknown value type " + id + " at offset "
                    + (in.position() - 4));
        }
        return type;
    }

    private GgufValue readValue(GgufValueType type, String key, int depth) throws IOException {
        String what = "metadata '" + key + "'";
        Object value = switch (type) {
            case UINT8 -> (long) in.readU8(what);
            case INT8 -> (long) (byte) in.readU8(what);
            case UINT16 -> (long) in.readU16(what);
            case INT16 -> (long) in.readI16(what);
            case UINT32 -> in.readU32(what);
            case INT32 -> (long) in.readI32(what);
            case UINT64, INT64 -> in.readI64(what);
            case FLOAT32 -> (double) in.readF32(what);
            case FLOAT64 -> in.readF64(what);
            case BOOL -> readBool(what);
            case STRING -> readString(GgufLimits.MAX_STRING_BYTES, what);
            case ARRAY -> readArray(key, depth + 1);
        };
        return new GgufValue(type, value);
    }

    private boolean readBool(String what) throws IOException {
        int b = in.readU8(what);
        if (b > 1) {
            throw new GgufFormatException("GGUF " + what + " has bool value " + b + " at offset " + (in.position() - 1));
        }
        return b == 1;
    }

    private String readString(long maxBytes, String what) throws IOException {
        long before = in.position();
        String s = in.readString(maxBytes, what);
        stringBytesRead += in.position() - before;
        if (stringBytesRead > GgufLimits.MAX_TOTAL_STRING_BYTES) {
            throw new GgufFormatException("GGUF metadata strings exceed " + GgufLimits.MAX_TOTAL_STRING_BYTES
                    + " bytes in total");
        }
        return s;
    }

    private GgufArray readArray(String key, int depth) throws IOException {
        String what = "metadata array '" + key + "'";
        if (depth > GgufLimits.MAX_ARRAY_DEPTH) {
            throw new GgufFormatException("GGUF " + what + " nests deeper than " + GgufLimits.MAX_ARRAY_DEPTH);
        }
        GgufValueType type = readType(what + " element");
        long length = in.readI64(what + " length");
        if (length < 0 || length > GgufLimits.MAX_ARRAY_ELEMENTS) {
            throw new GgufFormatException("GGUF " + what + " has length " + Long.toUnsignedString(length)
                    + ", over the limit of " + GgufLimits.MAX_ARRAY_ELEMENTS + " elements");
        }
        if (length * type.minBytes() > in.remaining()) {
            throw new GgufFormatException("GGUF " + what + " of " + length + " " + type + " elements needs at least "
                    + length * type.minBytes() + " bytes but only " + in.remaining() + " remain in the file");
        }
        arrayElementsRead += length;
        if (arrayElementsRead > GgufLimits.MAX_TOTAL_ARRAY_ELEMENTS) {
            throw new GgufFormatException("GGUF metadata arrays exceed " + GgufLimits.MAX_TOTAL_ARRAY_ELEMENTS
                    + " elements in total");
        }
        return new GgufArray(type, readElements(type, (int) length, key, depth), (int) length);
    }

    private Object readElements(GgufValueType type, int n, String key, int depth) throws IOException {
        String what = "metadata array '" + key + "'";
        switch (type) {
            case STRING -> {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = readString(GgufLimits.MAX_STRING_BYTES, what + " element " + i);
                }
                return values;
            }
            case FLOAT32 -> {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = in.readF32(what);
                }
                return values;
            }
            case FLOAT64 -> {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = in.readF64(what);
                }
                return values;
            }
            case BOOL -> {
                boolean[] values = new boolean[n];
                for (int i = 0; i < n; i++) {
                    values[i] = readBool(what);
                }
                return values;
            }
            case ARRAY -> {
                GgufArray[] values = new GgufArray[n];
                for (int i = 0; i < n; i++) {
                    values[i] = readArray(key, depth + 1);
                }
                return values;
            }
            default -> {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = readValue(type, key, depth).asLong();
                }
                return values;
            }
        }
    }

    private static long alignment(Map<String, GgufValue> metadata) throws GgufFormatException {
        GgufValue value = metadata.get("general.alignment");
        if (value == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!value.type().isInteger()) {
            throw new GgufFormatException("GGUF general.alignment has type " + value.type() + ", expected an integer");
        }
        long alignment = value.asLong();
        if (alignment <= 0 || alignment > GgufLimits.MAX_ALIGNMENT || Long.bitCount(alignment) != 1) {
            throw new GgufFormatException("GGUF general.alignment " + alignment + " is not a power of two up to "
                    + GgufLimits.MAX_ALIGNMENT);
        }
        return alignment;
    }

    private GgufTensorInfo readTensorInfo(long index) throws IOException {
        String name = readString(GgufLimits.MAX_TENSOR_NAME_BYTES, "tensor " + index + " name");
        String what = "tensor '" + name + "'";
        long dimCount = in.readU32(what + " dimension count");
        if (dimCount > GgufLimits.MAX_DIMS) {
            throw new GgufFormatException("GGUF " + what + " has " + dimCount + " dimensions, more than "
                    + GgufLimits.MAX_DIMS);
        }
        long[] dims = new long[(int) dimCount];
        long elements = 1;
        for (int d = 0; d < dimCount; d++) {
            dims[d] = in.readI64(what + " dimension");
            if (dims[d] < 0) {
                throw new GgufFormatException("GGUF " + what + " has negative dimension " + dims[d]);
            }
            if (dims[d] != 0 && elements > Long.MAX_VALUE / dims[d]) {
                throw new GgufFormatException("GGUF " + what + " has too many elements (dimensions overflow)");
            }
            elements *= dims[d];
        }
        long typeId = in.readU32(what + " type");
        GgmlType type = GgmlType.fromId(typeId);
        if (type == null) {
            throw new GgufFormatException("GGUF " + what + " has unknown ggml type " + typeId);
        }
        long rowLength = dimCount == 0 ? 1 : dims[0];
        if (rowLength % type.blockSize() != 0) {
            throw new GgufFormatException("GGUF " + what + " of type " + type + " has row length " + rowLength
                    + ", not a multiple of the block size " + type.blockSize());
        }
        long blocks = elements / type.blockSize();
        if (blocks > Long.MAX_VALUE / type.blockBytes()) {
            throw new GgufFormatException("GGUF " + what + " byte size overflows");
        }
        long offset = in.readI64(what + " offset");
        return new GgufTensorInfo(name, dims, type, offset, blocks * type.blockBytes());
    }

    /**
     * Checks what llama.cpp's gguf reader checks: each tensor starts where the previous one ended (padded to the
     * alignment), and all data lies inside the file. Returns the bytes of the tensor data section.
     */
    private long checkTensorLayout(List<GgufTensorInfo> tensors, long dataStart, long alignment)
            throws GgufFormatException {
        long expected = 0;
        long total = 0;
        long available = Math.max(0, fileSize - dataStart);
        Set<String> names = new HashSet<>();
        for (GgufTensorInfo t : tensors) {
            if (!names.add(t.name())) {
                throw new GgufFormatException("GGUF tensor '" + t.name() + "' appears twice");
            }
            if (t.offset() != expected) {
                throw new GgufFormatException("GGUF tensor '" + t.name() + "' has offset "
                        + Long.toUnsignedString(t.offset()) + ", expected " + expected);
            }
            if (t.byteSize() > available - t.offset()) {
                throw new GgufFormatException("GGUF tensor '" + t.name() + "' data (offset " + t.offset() + ", "
                        + t.byteSize() + " bytes) ends past the end of the file (" + available
                        + " bytes of tensor data after offset " + dataStart + ")");
            }
            expected = t.offset() + alignUp(t.byteSize(), alignment);
            total += t.byteSize();
        }
        return total;
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
