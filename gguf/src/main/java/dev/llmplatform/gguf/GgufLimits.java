package dev.llmplatform.gguf;

/**
 * Sanity limits applied while parsing, on top of the check that everything lies inside the file. They are far above
 * what real models use (the largest vocabularies have about 260k tokens, merges lists about 450k entries) and keep a
 * hostile header from making the reader allocate gigabytes.
 */
final class GgufLimits {

    /** Metadata key/value pairs per file. */
    static final long MAX_KV = 1L << 20;
    /** Tensors per file. */
    static final long MAX_TENSORS = 1L << 20;
    /** Bytes of a metadata key (the GGUF specification caps keys at 65535 bytes). */
    static final long MAX_KEY_BYTES = 65_535;
    /** Bytes of a single string value (chat templates are a few tens of kilobytes). */
    static final long MAX_STRING_BYTES = 16L << 20;
    /** Bytes of a tensor name. */
    static final long MAX_TENSOR_NAME_BYTES = 4096;
    /** Elements of one array. */
    static final long MAX_ARRAY_ELEMENTS = 1L << 22;
    /** Elements of all arrays of a file together. */
    static final long MAX_TOTAL_ARRAY_ELEMENTS = 1L << 23;
    /** Bytes of all strings of a file together. */
    static final long MAX_TOTAL_STRING_BYTES = 256L << 20;
    /** How deep arrays may nest. */
    static final int MAX_ARRAY_DEPTH = 4;
    /** Dimensions of a tensor (GGML_MAX_DIMS). */
    static final int MAX_DIMS = 4;
    /** The largest data alignment accepted. */
    static final long MAX_ALIGNMENT = 1L << 20;

    private GgufLimits() {
    }
}
