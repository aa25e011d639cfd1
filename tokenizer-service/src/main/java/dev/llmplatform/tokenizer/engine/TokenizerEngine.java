package dev.llmplatform.tokenizer.engine;

import java.util.List;

/**
 * The seam between the service and one tokenizer library (DJL, jtokkit, GGUF). Implementations are thread-safe
 * and may hold native handles, released by {@link #close()}. Calls block: never call them on an event loop.
 */
public interface TokenizerEngine extends AutoCloseable {

    /** The tokenizer's properties. */
    TokenizerDescriptor descriptor();

    /** Whether special tokens are added when a request leaves {@code add_special_tokens} unset. */
    boolean addsSpecialTokensByDefault();

    /**
     * Tokenizes a text.
     *
     * @param text the text (well-formed UTF-16)
     * @param addSpecial whether to add the tokenizer's own special tokens (BOS/EOS, [CLS]/[SEP])
     * @param parseSpecial whether special-token strings in the text become control tokens; when false they are
     *                     tokenized as literal text
     */
    EncodedText encode(String text, boolean addSpecial, boolean parseSpecial);

    /** Counts the tokens of a text (special-token strings as literal text) without building strings or offsets. */
    int count(String text, boolean addSpecial);

    /**
     * Counts the tokens of a text with special-token strings parsed as control tokens and no special tokens added
     * (a rendered chat prompt); the default encodes it.
     */
    default int countParsingSpecials(String text) {
        return encode(text, false, true).count();
    }

    /** Counts many texts; the default counts them one by one, stopping when the call is cancelled. */
    default int[] countBatch(List<String> texts, boolean addSpecial) {
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            Cancellation.check();
            counts[i] = count(texts.get(i), addSpecial);
        }
        return counts;
    }

    /**
     * Turns ids back into text; invalid UTF-8 becomes U+FFFD.
     *
     * @throws IllegalArgumentException when an id is outside the vocabulary
     */
    String decode(int[] ids, boolean skipSpecial);

    @Override
    void close();
}
