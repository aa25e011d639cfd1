/**
 * Reading GGUF files: metadata, tensor layout and the vocabulary, without loading weights.
 *
 * <p>{@link dev.llmplatform.gguf.GgufFile#read(java.nio.file.Path)} parses the header of a GGUF v2/v3 file with every
 * count, length and offset checked, failing with {@link dev.llmplatform.gguf.GgufFormatException} on a malformed file.
 * {@link dev.llmplatform.gguf.GgufVocabulary#from(dev.llmplatform.gguf.GgufFile)} resolves its tokenizer data, and
 * {@link dev.llmplatform.gguf.GgufTokenizer} tokenizes with it exactly as llama.cpp build b4916 does (checked against
 * llama.cpp's own test vectors).
 *
 * <p>For a chat prompt rendered by a template, {@link dev.llmplatform.gguf.GgufTokenizer#encode(String, boolean,
 * java.util.BitSet)} takes the characters that came from the request: a control token's text becomes that token only
 * where the template wrote it, and otherwise the result is llama.cpp's tokenization with special parsing on (the text
 * between recognised tokens tokenized whole, user-defined tokens recognised anywhere, LSTRIP/RSTRIP and the
 * SentencePiece space prefix as llama.cpp applies them).
 */
package dev.llmplatform.gguf;
