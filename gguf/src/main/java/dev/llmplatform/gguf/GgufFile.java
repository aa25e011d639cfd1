package dev.llmplatform.gguf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The metadata and tensor layout of a GGUF file (versions 2 and 3), read without loading any weights.
 *
 * <p>Every count, length and offset is checked against the file size and sane limits before anything is allocated,
 * so a malformed, truncated or hostile file fails with a {@link GgufFormatException}. Instances are immutable and
 * thread-safe.
 */
public final class GgufFile {

    private final long fileSize;
    private final GgufParser.Header header;
    private final String architecture;

    private GgufFile(long fileSize, GgufParser.Header header, String architecture) {
        this.fileSize = fileSize;
        this.header = header;
        this.architecture = architecture;
    }

    /**
     * Reads the header of a GGUF file.
     *
     * @throws GgufFormatException when the file is not a valid GGUF file (the message says why, with the numbers)
     * @throws IOException         when the file cannot be read
     */
    public static GgufFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            GgufParser.Header header = new GgufParser(new GgufInput(channel, size), size).parse();
            GgufValue arch = header.metadata().get("general.architecture");
            if (arch == null || arch.type() != GgufValueType.STRING || arch.asString().isBlank()) {
                throw new GgufFormatException("GGUF file has no general.architecture string");
            }
            return new GgufFile(size, header, arch.asString());
        }
    }

    /** The GGUF version (2 or 3). */
    public int version() {
        return header.version();
    }

    /** The size of the file in bytes. */
    public long fileSize() {
        return fileSize;
    }

    /** All metadata in file order, unmodifiable. */
    public Map<String, GgufValue> metadata() {
        return Collections.unmodifiableMap(header.metadata());
    }

    /** One metadata value. */
    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(header.metadata().get(key));
    }

    /** A string value; throws IllegalStateException when the key holds another type. */
    public Optional<String> getString(String key) {
        return get(key).map(GgufValue::asString);
    }

    /** An integer value of any width; throws IllegalStateException when the key holds another type. */
    public OptionalLong getLong(String key) {
        GgufValue value = header.metadata().get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value.asLong());
    }

    /** A string array; throws IllegalStateException when the key holds another type. */
    public Optional<List<String>> getStringArray(String key) {
        return get(key).map(v -> v.asArray().strings());
    }

    /** An array of any element type. */
    public Optional<GgufArray> getArray(String key) {
        return get(key).map(GgufValue::asArray);
    }

    /** {@code general.architecture}, for example {@code llama}; every valid file has one. */
    public String architecture() {
        return architecture;
    }

    /** {@code <arch>.context_length}: the context the model was trained with. */
    public OptionalLong contextLength() {
        return archLong("context_length");
    }

    /** {@code <arch>.block_count}: the number of transformer layers. */
    public OptionalLong blockCount() {
        return archLong("block_count");
    }

    /** {@code <arch>.embedding_length}: the model width. */
    public OptionalLong embeddingLength() {
        return archLong("embedding_length");
    }

    /** {@code <arch>.attention.head_count}; empty when absent or not a single integer (some models store one per layer). */
    public OptionalLong headCount() {
        return archLong("attention.head_count");
    }

    /** {@code <arch>.attention.head_count_kv}, or the head count when absent (as llama.cpp assumes). */
    public OptionalLong headCountKv() {
        OptionalLong kv = archLong("attention.head_count_kv");
        return kv.isPresent() ? kv : headCount();
    }

    /** {@code tokenizer.chat_template}, when the model ships one. */
    public Optional<String> chatTemplate() {
        return getString("tokenizer.chat_template");
    }

    /** The tensor descriptions in file order. */
    public List<GgufTensorInfo> tensors() {
        return header.tensors();
    }

    /** One tensor by name. */
    public Optional<GgufTensorInfo> tensor(String name) {
        return header.tensors().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The data alignment ({@code general.alignment}, default 32). */
    public long alignment() {
        return header.alignment();
    }

    /** The file offset where tensor data starts. */
    public long tensorDataStart() {
        return header.tensorDataStart();
    }

    /** The bytes of all tensors together (the weights), padding excluded. */
    public long tensorDataSize() {
        return header.tensorDataSize();
    }

    private OptionalLong archLong(String suffix) {
        GgufValue value = header.metadata().get(architecture + "." + suffix);
        return value != null && value.type().isInteger() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    }

    @Override
    public String toString() {
        return "GgufFile[v" + version() + ", " + architecture + ", " + metadata().size() + " keys, " + tensors().size()
                + " tensors, " + fileSize + " bytes]";
    }
}
