package dev.llmplatform.inference.engine;

import java.util.Locale;

/**
 * How a model loaded for embeddings pools the states of an input's tokens into one vector. Only the poolings the
 * bundled llama.cpp computes without failing are here: its mean pooling aborts the process on a decoder model
 * (docs/adr/0014-embedding-pods.md), and "none" gives a vector per token, which is not one embedding per input.
 */
public enum EmbeddingPooling {
    /** The first token's state (BERT-style encoders). */
    CLS,
    /** The last token's state (decoder models trained for embeddings). */
    LAST;

    /** The name in the contract and configuration: {@code "cls"} or {@code "last"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
