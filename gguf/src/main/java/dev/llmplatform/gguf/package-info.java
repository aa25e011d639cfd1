/** Reading GGUF files: metadata, tensor layout and the vocabulary, without loading weights. */
package dev.llmplatform.gguf;
