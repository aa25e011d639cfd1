package dev.llmplatform.gguf;

import java.io.IOException;

/** A file is not a valid GGUF file: wrong magic, unsupported version, truncated, or a count, length or offset out of bounds. */
public class GgufFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with the offending numbers */
    public GgufFormatException(String message) {
        super(message);
    }
}
