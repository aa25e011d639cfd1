package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.hfhub.HubException;
import dev.llmplatform.tokenizer.error.TokenizerServiceException;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.hf.RefusedTokenizerException;
import org.jboss.logging.Logger;

/** The client-facing error for a tokenizer that failed to load: the refusal's reason, else a pointer to the log. */
final class RegistryErrors {

    private static final Logger LOG = Logger.getLogger(RegistryErrors.class);

    private RegistryErrors() {
    }

    static TokenizerUnavailableException unavailable(String name, Throwable failure) {
        if (failure instanceof RefusedTokenizerException refused) {
            return new TokenizerUnavailableException(name, refused.reason());
        }
        return new TokenizerUnavailableException(name, "it could not be loaded (see the server log)");
    }

    /**
     * A repo id whose files the Hub library could not provide: NOT_FOUND when they are not to be had (no such repo
     * or file, offline and not cached, Hub unreachable or refusing access), UNAVAILABLE when they were had and
     * refused (hash mismatch, too large) or the cache cannot be written. The cause, with paths and URLs, is logged.
     */
    static TokenizerServiceException hubFailure(String repoId, HubException e) {
        LOG.warnf("cannot get the tokenizer of %s: %s", repoId, e.getMessage());
        return switch (e.reason()) {
            case CHECKSUM_MISMATCH, NO_HUB_HASH -> new TokenizerUnavailableException(repoId, "its files from the Hub "
                    + "do not match the hash the Hub publishes for them (see the server log)");
            case TOO_LARGE -> new TokenizerUnavailableException(repoId, "its tokenizer.json is larger than "
                    + HubTokenizerFiles.MAX_FILE_BYTES + " bytes");
            case STORAGE -> new TokenizerUnavailableException(repoId, "the Hugging Face cache cannot be read or "
                    + "written (see the server log)");
            default -> UnknownTokenizerException.notDownloadable(repoId);
        };
    }
}
