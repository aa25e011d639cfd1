package dev.llmplatform.tokenizer.engine;

import dev.llmplatform.tokenizer.error.CallCancelledException;
import io.grpc.Context;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * Stops work whose caller is gone: the gRPC call context (cancelled when the client cancels or its deadline passes)
 * is checked between pieces and between texts, and carried to the counting pool's threads. Outside a gRPC call the
 * context is the root context, which is never cancelled.
 */
public final class Cancellation {

    private Cancellation() {
    }

    /**
     * Returns when the current call goes on.
     *
     * @throws CallCancelledException when it was cancelled or its deadline passed
     */
    public static void check() {
        Context context = Context.current();
        if (context.isCancelled()) {
            throw new CallCancelledException(context.cancellationCause() instanceof TimeoutException);
        }
    }

    /** {@code task} running with the current call's context, for another thread. */
    public static <T> Callable<T> carry(Callable<T> task) {
        return Context.current().wrap(task);
    }
}
