package dev.llmplatform.testkit.client;

/**
 * What one streamed generation looked like from the client.
 *
 * @param outcome           how it ended
 * @param errorClass        for FAILED/HUNG: a class such as "HTTP 429", "SSE error event", "WS close 1011",
 *                          "gRPC UNAVAILABLE"; empty otherwise
 * @param ttftNanos         send to first non-empty text; -1 when none arrived
 * @param totalNanos        send to the end of the stream
 * @param completionTokens  tokens generated, from the usage report (or the number of pieces when none came)
 * @param text              the streamed text, joined
 * @param invalidUtf8Chunks chunks whose bytes were not well-formed UTF-8
 * @param finishReason      the reported finish reason, or empty
 */
public record StreamResult(Outcome outcome, String errorClass, long ttftNanos, long totalNanos, int completionTokens,
        String text, int invalidUtf8Chunks, String finishReason) {

    /** How a stream ended. */
    public enum Outcome {
        /** Ended normally with a final event/frame. */
        COMPLETED,
        /** Ended with an explicit error (status, error event/frame, close code). */
        FAILED,
        /** The client cancelled it on purpose. */
        CANCELLED,
        /** The connection ended without a final event/frame and without an error: the client cannot tell. */
        TRUNCATED,
        /** Neither ended nor failed within the deadline. */
        HUNG
    }

    /** A failure before or without any streamed text. */
    public static StreamResult failed(String errorClass, long totalNanos) {
        return new StreamResult(Outcome.FAILED, errorClass, -1, totalNanos, 0, "", 0, "");
    }

    /** Milliseconds to first token, NaN when none came. */
    public double ttftMs() {
        return ttftNanos < 0 ? Double.NaN : ttftNanos / 1e6;
    }

    /** Milliseconds end to end. */
    public double totalMs() {
        return totalNanos / 1e6;
    }

    /** Milliseconds per output token after the first; NaN with fewer than two tokens. */
    public double tpotMs() {
        return completionTokens < 2 || ttftNanos < 0 ? Double.NaN
                : (totalNanos - ttftNanos) / 1e6 / (completionTokens - 1);
    }
}
