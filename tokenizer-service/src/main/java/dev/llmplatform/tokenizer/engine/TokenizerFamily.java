package dev.llmplatform.tokenizer.engine;

/** The algorithm family of a tokenizer (mirrors the contract's TokenizerFamily). */
public enum TokenizerFamily {
    /** Not known. */
    UNSPECIFIED,
    /** Byte-pair encoding. */
    BPE,
    /** WordPiece. */
    WORDPIECE,
    /** Unigram language model. */
    UNIGRAM,
    /** OpenAI tiktoken byte-level BPE. */
    TIKTOKEN_BPE;

    /** The family for a tokenizer.json {@code model.type} or a GGUF {@code tokenizer.ggml.model}. */
    public static TokenizerFamily fromModelType(String type) {
        if (type == null) {
            return UNSPECIFIED;
        }
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "bpe", "gpt2", "llama", "spm" -> BPE;
            case "wordpiece", "bert" -> WORDPIECE;
            case "unigram", "t5" -> UNIGRAM;
            default -> UNSPECIFIED;
        };
    }
}
