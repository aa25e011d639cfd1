package dev.llmplatform.tokenizer.error;

/**
 * The caller cancelled the call or its deadline passed, so its work was stopped; maps to DEADLINE_EXCEEDED or
 * CANCELLED (the caller no longer reads the answer).
 */
public final class CallCancelledException extends TokenizerServiceException {

    private final boolean deadline;

    /** Work stopped because the call ended; {@code deadline} is true when its deadline passed. */
    public CallCancelledException(boolean deadline) {
        super(deadline ? "the call's deadline passed; its work was stopped"
                : "the call was cancelled; its work was stopped");
        this.deadline = deadline;
    }

    /** Whether the deadline passed (else the caller cancelled). */
    public boolean deadline() {
        return deadline;
    }
}
