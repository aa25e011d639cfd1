package dev.llmplatform.inference.model;

import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Validates a GGUF file in Java before it is handed to native code, which would crash the JVM on a malformed or
 * truncated file. Refuses files that are missing, unreadable, malformed, truncated, vocabulary-only (no weights),
 * or that lack the header fields the memory plan needs.
 */
public final class ModelInspector {

    /** The tensor every llama.cpp text model has; vocabulary-only files do not. */
    static final String EMBEDDING_TENSOR = "token_embd.weight";

    private ModelInspector() {
    }

    /** Reads and checks the file. */
    public static ModelFile inspect(Path path) throws ModelLoadException {
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException("model file " + path + " does not exist or is not a regular file");
        }
        GgufFile gguf;
        try {
            gguf = GgufFile.read(path);
        } catch (GgufFormatException e) {
            throw new ModelLoadException("model file " + path + " is not a valid GGUF file: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("model file " + path + " could not be read: " + e.getMessage(), e);
        }
        if (gguf.tensors().isEmpty() || gguf.tensor(EMBEDDING_TENSOR).isEmpty()) {
            throw new ModelLoadException("model file " + path + " has no weights (" + gguf.tensors().size()
                    + " tensors, no " + EMBEDDING_TENSOR + "); a vocabulary-only GGUF cannot generate text");
        }
        int layers = required(gguf.blockCount(), "block_count", gguf, path);
        int embedding = required(gguf.embeddingLength(), "embedding_length", gguf, path);
        int heads = required(gguf.headCount(), "attention.head_count", gguf, path);
        int kvHeads = required(gguf.headCountKv(), "attention.head_count_kv", gguf, path);
        int trained = (int) Math.min(Integer.MAX_VALUE, gguf.contextLength().orElse(0));
        boolean addsBos = gguf.get("tokenizer.ggml.add_bos_token").map(v -> v.asBoolean())
                .orElse("llama".equals(gguf.getString("tokenizer.ggml.model").orElse("")));
        return new ModelFile(path, gguf.architecture(), trained, layers, embedding, heads, kvHeads,
                gguf.chatTemplate().isPresent(), addsBos,
                (int) gguf.getLong("tokenizer.ggml.bos_token_id").orElse(-1), gguf.fileSize(), gguf.tensorDataSize(),
                gguf);
    }

    private static int required(OptionalLong value, String key, GgufFile gguf, Path path) throws ModelLoadException {
        if (value.isEmpty() || value.getAsLong() <= 0 || value.getAsLong() > Integer.MAX_VALUE) {
            throw new ModelLoadException("model file " + path + " has no usable " + gguf.architecture() + "." + key);
        }
        return (int) value.getAsLong();
    }
}
