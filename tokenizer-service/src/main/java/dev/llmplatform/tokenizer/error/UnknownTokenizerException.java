package dev.llmplatform.tokenizer.error;

import java.util.Collection;

/** A request named a tokenizer (or catalogue model) that this service does not serve; maps to NOT_FOUND. */
public final class UnknownTokenizerException extends TokenizerServiceException {

    /** An unknown tokenizer, with the names that are known (both cut by {@link Echo}). */
    public UnknownTokenizerException(String kind, String name, Collection<String> known) {
        super("unknown " + kind + " '" + Echo.value(name) + "'; known: " + Echo.names(known));
    }

    private UnknownTokenizerException(String message) {
        super(message);
    }

    /** A Hugging Face repo id that is not in the local cache and could not be downloaded (Hub down, offline, no repo). */
    public static UnknownTokenizerException notDownloadable(String repoId) {
        return new UnknownTokenizerException("tokenizer '" + Echo.value(repoId) + "' is not in the Hugging Face cache "
                + "and could not be downloaded from the Hub");
    }

    /** A repo id that is not configured while loading tokenizers on request is off or does not cover it. */
    public static UnknownTokenizerException notConfigured(String repoId, String why, Collection<String> known) {
        return new UnknownTokenizerException("unknown tokenizer '" + Echo.value(repoId) + "': " + why + "; known: "
                + Echo.names(known));
    }

    /** The same failure as a moment ago, answered from the failure cache without asking the Hub again. */
    public UnknownTokenizerException remembered(long secondsLeft) {
        return new UnknownTokenizerException(getMessage() + " (remembered: not retried for " + secondsLeft + " s)");
    }
}
