package dev.llmplatform.gguf;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The byte-level BPE pre-tokenizers of llama.cpp (src/llama-vocab.cpp): which {@code tokenizer.ggml.pre} names map to
 * which split expressions, and the flags they set. Each expression splits every piece left by the previous one,
 * keeping the text between matches as pieces too.
 *
 * <p>The expressions are llama.cpp's own strings; {@link BpeSplitter} runs the two it implements by hand exactly as
 * llama.cpp does and evaluates the others the way llama.cpp's std::regex fallback does. The pre-tokenizers not
 * ported here (deepseek-llm, deepseek-coder, deepseek-v3, poro-chat, viking, bloom, gpt3-finnish, tekken, chameleon,
 * gpt-4o) are refused with a clear error rather than tokenised differently.
 */
enum BpePreTokenizer {
    DEFAULT(true, false, false, "[\\p{P}\\$\\+<=>\\^~\\|]+", BpePreTokenizer.GPT2_SPLIT, "\\p{N}+", "[0-9][0-9][0-9]"),
    LLAMA3(true, true, true, BpePreTokenizer.LLAMA3_SPLIT),
    /** The Llama 3 expression without Llama 3's merge and BOS flags (dbrx, smaug-bpe). */
    LLAMA3_PLAIN(true, false, false, BpePreTokenizer.LLAMA3_SPLIT),
    FALCON(true, false, false, "[\\p{P}\\$\\+<=>\\^~\\|`]+", BpePreTokenizer.GPT2_SPLIT, "[0-9][0-9][0-9]"),
    STARCODER(true, false, false, "\\p{N}", BpePreTokenizer.GPT2_SPLIT),
    STARCODER_NO_CLEAN(false, false, false, "\\p{N}", BpePreTokenizer.GPT2_SPLIT),
    GPT2(true, false, false, BpePreTokenizer.GPT2_SPLIT),
    QWEN2(false, false, false, BpePreTokenizer.QWEN2_SPLIT),
    /** The Qwen2 expression with clean_spaces left on (stablelm2, megrez). */
    STABLELM2(true, false, false, BpePreTokenizer.QWEN2_SPLIT),
    CHATGLM4(true, false, false, BpePreTokenizer.LLAMA3_SPLIT);

    /** GPT-2's split expression; llama.cpp runs it with a hand-written matcher. */
    static final String GPT2_SPLIT = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    /** Llama 3's split expression (case-insensitive contractions spelled out); also hand-written in llama.cpp. */
    static final String LLAMA3_SPLIT = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?"
            + "\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2_SPLIT = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n"
            + "\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** The {@code tokenizer.ggml.pre} names this port supports, mapped as llama.cpp b4916's loader maps them. */
    private static final Map<String, BpePreTokenizer> BY_NAME = Map.ofEntries(
            Map.entry("default", DEFAULT),
            Map.entry("llama3", LLAMA3), Map.entry("llama-v3", LLAMA3), Map.entry("llama-bpe", LLAMA3),
            Map.entry("falcon3", LLAMA3), Map.entry("dbrx", LLAMA3_PLAIN),
            Map.entry("smaug-bpe", LLAMA3_PLAIN),
            Map.entry("falcon", FALCON),
            Map.entry("starcoder", STARCODER), Map.entry("refact", STARCODER), Map.entry("codeshell", STARCODER),
            Map.entry("exaone", STARCODER), Map.entry("minerva-7b", STARCODER),
            Map.entry("command-r", STARCODER_NO_CLEAN), Map.entry("smollm", STARCODER_NO_CLEAN),
            Map.entry("gpt-2", GPT2), Map.entry("phi-2", GPT2), Map.entry("jina-es", GPT2), Map.entry("jina-de", GPT2),
            Map.entry("gigachat", GPT2), Map.entry("jina-v1-en", GPT2), Map.entry("jina-v2-es", GPT2),
            Map.entry("jina-v2-de", GPT2), Map.entry("jina-v2-code", GPT2), Map.entry("roberta-bpe", GPT2),
            Map.entry("mpt", GPT2), Map.entry("olmo", GPT2), Map.entry("jais", GPT2),
            Map.entry("qwen2", QWEN2), Map.entry("deepseek-r1-qwen", QWEN2),
            Map.entry("stablelm2", STABLELM2), Map.entry("megrez", STABLELM2),
            Map.entry("chatglm-bpe", CHATGLM4));

    private final boolean cleanSpaces;
    private final boolean ignoreMerges;
    private final boolean addsBos;
    private final List<String> expressions;

    BpePreTokenizer(boolean cleanSpaces, boolean ignoreMerges, boolean addsBos, String... expressions) {
        this.cleanSpaces = cleanSpaces;
        this.ignoreMerges = ignoreMerges;
        this.addsBos = addsBos;
        this.expressions = List.of(expressions);
    }

    /** The pre-tokenizer for a {@code tokenizer.ggml.pre} value; a missing value means "default", as in llama.cpp. */
    static Optional<BpePreTokenizer> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name == null || name.isEmpty() ? "default" : name));
    }

    /** Whether decoding removes spaces before punctuation (llama.cpp's clean_spaces). */
    boolean cleanSpaces() {
        return cleanSpaces;
    }

    /** Whether a pre-token that is itself a vocabulary entry skips the merges (llama.cpp's ignore_merges). */
    boolean ignoreMerges() {
        return ignoreMerges;
    }

    /** Whether BOS is added by default (before {@code tokenizer.ggml.add_bos_token} is read). */
    boolean addsBosByDefault() {
        return addsBos;
    }

    /** The split expressions, in order. */
    List<String> expressions() {
        return expressions;
    }

    /** The chatglm pre-tokenizer has no BOS token by default. */
    boolean clearsBos() {
        return this == CHATGLM4;
    }
}
