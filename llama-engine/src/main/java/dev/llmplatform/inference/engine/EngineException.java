package dev.llmplatform.inference.engine;

/** A failure inside the native engine; the message is safe to show to a client (no paths, no addresses). */
public class EngineException extends RuntimeException {

    /** Creates an engine failure with a client-safe message and its cause. */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an engine failure with a client-safe message. */
    public EngineException(String message) {
        super(message);
    }
}
