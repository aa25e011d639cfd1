package dev.llmplatform.gateway.backend;

/**
 * A heartbeat of a generation.
 *
 * @param phase           what the generation is doing
 * @param elapsedMs       milliseconds since the service received the request
 * @param generatedTokens tokens generated so far
 */
public record Progress(Phase phase, double elapsedMs, int generatedTokens) {

    /** What a generation is doing. */
    public enum Phase {
        /** Not known. */
        UNKNOWN,
        /** Waiting for a free slot. */
        QUEUED,
        /** Evaluating the prompt. */
        PROMPT,
        /** Generating tokens. */
        GENERATING
    }
}
