package dev.llmplatform.inference.model;

import dev.llmplatform.gguf.GgufArray;
import dev.llmplatform.gguf.GgufFile;

import java.nio.file.Path;

/**
 * Facts read from a validated GGUF file's header, before any native code sees the file.
 *
 * @param path             the file
 * @param architecture     {@code general.architecture}
 * @param trainedContext   the trained context length (0 when the file does not say)
 * @param layers           transformer blocks
 * @param embedding        model width
 * @param heads            attention heads
 * @param kvHeads          key/value heads
 * @param hasChatTemplate  whether {@code tokenizer.chat_template} is present
 * @param addsBos          whether the tokenizer adds BOS to prompts
 * @param bosId            {@code tokenizer.ggml.bos_token_id}, or -1
 * @param fileSize         bytes in the file
 * @param weightBytes      bytes of tensor data
 * @param gguf             the parsed header (metadata, vocabulary, tensor index)
 */
public record ModelFile(Path path, String architecture, int trainedContext, int layers, int embedding, int heads,
                        int kvHeads, boolean hasChatTemplate, boolean addsBos, int bosId, long fileSize, long weightBytes,
                        GgufFile gguf) {

    /** Tokens in {@code tokenizer.ggml.tokens}, llama.cpp's vocabulary size; 0 when the file has no such array. */
    public int vocabularySize() {
        return gguf.getArray("tokenizer.ggml.tokens").map(GgufArray::size).orElse(0);
    }
}
