package dev.llmplatform.tokenizer.engine;

/** Where a tokenizer comes from (mirrors the contract's TokenizerSource). */
public enum TokenizerOrigin {
    /** A Hugging Face tokenizer.json. */
    HUGGING_FACE,
    /** A tiktoken encoding shipped in jtokkit. */
    TIKTOKEN,
    /** The vocabulary in a GGUF file. */
    GGUF
}
