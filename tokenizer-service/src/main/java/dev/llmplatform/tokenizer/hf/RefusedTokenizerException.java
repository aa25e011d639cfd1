package dev.llmplatform.tokenizer.hf;

import java.io.IOException;

/**
 * A tokenizer.json that loads in the library but is refused by the service, with a reason that is safe to show to a
 * client (it names the pipeline step, never a path).
 */
public final class RefusedTokenizerException extends IOException {

    /** Refused for {@code reason}. */
    public RefusedTokenizerException(String reason) {
        super(reason);
    }

    /** The client-safe reason. */
    public String reason() {
        return getMessage();
    }
}
