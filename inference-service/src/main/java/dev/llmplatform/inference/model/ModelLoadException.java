package dev.llmplatform.inference.model;

/** A model that cannot be served; the message says why, for the log and for readiness. */
public class ModelLoadException extends Exception {

    /** A refusal with a clear reason. */
    public ModelLoadException(String message) {
        super(message);
    }

    /** A refusal with a clear reason and its cause. */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
