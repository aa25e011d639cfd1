package dev.llmplatform.gateway.backend;

/**
 * How a generation ended.
 *
 * @param finishReason     why it ended
 * @param promptTokens     tokens of the prompt after templating
 * @param completionTokens tokens generated
 * @param cachedTokens     prompt tokens the engine reused from an earlier request's cells (part of promptTokens)
 * @param timings          timings measured by the inference service
 */
public record GenerationResult(FinishReason finishReason, int promptTokens, int completionTokens, int cachedTokens,
                               Timings timings) {

    /** Why a generation ended. */
    public enum FinishReason {
        /** The end-of-sequence token or a stop string. */
        STOP,
        /** max_tokens was reached. */
        LENGTH,
        /** Cancelled. */
        CANCELLED
    }

    /**
     * Timings of one generation, in milliseconds (tokens per second for the rate).
     *
     * @param timeToFirstTokenMs from receipt to the first piece
     * @param tokensPerSecond    generated tokens per second after the first
     * @param totalMs            from receipt to the end
     * @param queueMs            waiting for a slot
     */
    public record Timings(double timeToFirstTokenMs, double tokensPerSecond, double totalMs, double queueMs) {
    }
}
