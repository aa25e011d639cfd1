package dev.llmplatform.gguf;

/** Turns one fragment of plain text (no special tokens in it) into token ids; one implementation per vocabulary type. */
interface Segmenter {

    /** Appends the ids of {@code text} to {@code out}. Implementations keep no state between calls. */
    void encode(String text, IntList out);
}
