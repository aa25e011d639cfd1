package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.hf.RefusedTokenizerException;

/** The client-facing error for a tokenizer that failed to load: the refusal's reason, else a pointer to the log. */
final class RegistryErrors {

    private RegistryErrors() {
    }

    static TokenizerUnavailableException unavailable(String name, Throwable failure) {
        if (failure instanceof RefusedTokenizerException refused) {
            return new TokenizerUnavailableException(name, refused.reason());
        }
        return new TokenizerUnavailableException(name, "it could not be loaded (see the server log)");
    }
}
