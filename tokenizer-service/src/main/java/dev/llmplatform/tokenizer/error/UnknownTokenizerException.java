package dev.llmplatform.tokenizer.error;

import java.util.Collection;

/** A request named a tokenizer (or catalogue model) that this service does not serve; maps to NOT_FOUND. */
public final class UnknownTokenizerException extends TokenizerServiceException {

    /** An unknown tokenizer, with the names that are known. */
    public UnknownTokenizerException(String kind, String name, Collection<String> known) {
        super("unknown " + kind + " '" + printable(name) + "'; known: " + String.join(", ", known));
    }

    private UnknownTokenizerException(String message) {
        super(message);
    }

    /** A Hugging Face repo id that is not in the local cache and could not be downloaded (Hub down, offline, no repo). */
    public static UnknownTokenizerException notDownloadable(String repoId) {
        return new UnknownTokenizerException("tokenizer '" + printable(repoId) + "' is not in the Hugging Face cache "
                + "and could not be downloaded from the Hub");
    }

    private static String printable(String name) {
        String shown = name.length() > 100 ? name.substring(0, 100) + "..." : name;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
