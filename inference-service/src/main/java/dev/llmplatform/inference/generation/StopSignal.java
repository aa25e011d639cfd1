package dev.llmplatform.inference.generation;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a running generation to stop: cancelled by its caller (client gone, deadline passed), or aborted by the
 * service (drain timeout at shutdown). The generation thread polls it between tokens and stops the engine itself.
 */
public final class StopSignal {

    /** Why a generation was asked to stop. */
    public enum Cause {
        /** Not asked to stop. */
        NONE,
        /** The call was cancelled or its deadline passed. */
        CANCELLED,
        /** The service is shutting down and the drain timeout passed. */
        ABORTED
    }

    private final AtomicReference<Cause> cause = new AtomicReference<>(Cause.NONE);

    /** The caller went away. Ignored when already stopping. */
    public void cancel() {
        cause.compareAndSet(Cause.NONE, Cause.CANCELLED);
    }

    /** The service stops the generation. Ignored when already stopping. */
    public void abort() {
        cause.compareAndSet(Cause.NONE, Cause.ABORTED);
    }

    /** The current cause. */
    public Cause cause() {
        return cause.get();
    }

    /** Whether a stop was asked for. */
    public boolean requested() {
        return cause.get() != Cause.NONE;
    }
}
