package dev.llmplatform.gateway.backend;

/**
 * Receives one generation: any number of {@link #onChunk} and {@link #onProgress} calls, then exactly one of
 * {@link #onFinal} or {@link #onError}. Calls are never concurrent. Nothing is called after the caller cancelled.
 */
public interface GenerationListener {

    /** Text produced since the previous chunk (complete UTF-8 characters) and the tokens it stands for. */
    void onChunk(String text, int tokens);

    /** A sign of life without text (waiting for a slot, evaluating the prompt). */
    default void onProgress(Progress progress) {
    }

    /** Normal end: finish reason, usage and timings. */
    void onFinal(GenerationResult result);

    /**
     * Failure; {@code afterFirstChunk} tells whether text was already delivered (then the client gets an error event
     * or frame instead of a status code).
     */
    void onError(BackendFailure failure, boolean afterFirstChunk);
}
