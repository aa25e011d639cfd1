package dev.llmplatform.inference.generation;

import dev.llmplatform.proto.inference.v1.FinishReason;

/**
 * Derives why a generation ended; the binding exposes no finish reason.
 *
 * <p>Rule, in order: an engine failure is ERROR; a cancelled call is CANCELLED; a stop string is STOP; a
 * generation that produced no token is STOP; when the engine ended by itself, an empty last token means an
 * end-of-generation token (control tokens render as no text), so STOP; any other natural end is the token budget
 * (max_tokens, or the slot's context, which validation keeps out of reach), so LENGTH.
 */
public final class FinishReasons {

    private FinishReasons() {
    }

    /**
     * @param failed          the engine threw
     * @param cancelled       the call was cancelled, timed out or drained
     * @param stopString      a stop string was produced
     * @param tokens          tokens generated
     * @param lastTokenEmpty  the last generated token rendered as no text
     */
    public static FinishReason resolve(boolean failed, boolean cancelled, boolean stopString, int tokens,
                                       boolean lastTokenEmpty) {
        if (failed) {
            return FinishReason.FINISH_REASON_ERROR;
        }
        if (cancelled) {
            return FinishReason.FINISH_REASON_CANCELLED;
        }
        if (stopString || tokens == 0 || lastTokenEmpty) {
            return FinishReason.FINISH_REASON_STOP;
        }
        return FinishReason.FINISH_REASON_LENGTH;
    }

    /** The {@code finished_reason} label vLLM's metrics use for a finish reason: stop, length, abort or error. */
    public static String label(FinishReason reason) {
        return switch (reason) {
            case FINISH_REASON_STOP -> "stop";
            case FINISH_REASON_LENGTH -> "length";
            case FINISH_REASON_CANCELLED -> "abort";
            default -> "error";
        };
    }
}
