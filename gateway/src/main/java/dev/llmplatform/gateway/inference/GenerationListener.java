package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.proto.inference.v1.Final;

/**
 * Receives one routed generation: any number of {@link #onChunk} calls, then exactly one of {@link #onFinal} or
 * {@link #onError}. Calls are never concurrent. Nothing is called after the generation was cancelled by its caller.
 */
public interface GenerationListener {

    /** Text produced since the previous chunk (complete UTF-8 characters). */
    void onChunk(String text, int tokens);

    /** Normal end: finish reason, usage and timings. */
    void onFinal(Final result);

    /**
     * Failure; {@code afterFirstChunk} tells whether text was already delivered (then the client must get an error
     * event instead of a status code).
     */
    void onError(ApiException error, boolean afterFirstChunk);
}
