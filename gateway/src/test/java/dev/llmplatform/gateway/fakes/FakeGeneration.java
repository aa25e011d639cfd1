package dev.llmplatform.gateway.fakes;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.GenerationHandle;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.backend.Progress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One scripted generation of {@link FakeInferenceBackend}: steps run on a timer and call the listener (never
 * concurrently: the steps take this object's lock), like the router does; nothing is called after a cancel or after
 * the end.
 */
public final class FakeGeneration implements GenerationHandle {

    private final GenerationListener listener;
    private final ScheduledExecutorService timer;
    private final AtomicInteger cancelledCount;
    private boolean chunked;
    private boolean ended;
    private volatile boolean cancelled;

    FakeGeneration(GenerationListener listener, ScheduledExecutorService timer, AtomicInteger cancelledCount) {
        this.listener = listener;
        this.timer = timer;
        this.cancelledCount = cancelledCount;
    }

    void later(long delayMillis, Consumer<FakeGeneration> step) {
        timer.schedule(() -> run(step), delayMillis, TimeUnit.MILLISECONDS);
    }

    void every(long periodMillis, Consumer<FakeGeneration> step) {
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = timer.scheduleAtFixedRate(() -> {
            if (cancelled || ended) {
                task[0].cancel(false);
                return;
            }
            run(step);
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void run(Consumer<FakeGeneration> step) {
        if (!cancelled && !ended) {
            step.accept(this);
        }
    }

    FakeGeneration chunk(String text) {
        if (!cancelled && !ended) {
            chunked = true;
            listener.onChunk(text, 1);
        }
        return this;
    }

    FakeGeneration progress(Progress progress) {
        if (!cancelled && !ended) {
            listener.onProgress(progress);
        }
        return this;
    }

    void finish(GenerationResult result) {
        if (!cancelled && !ended) {
            ended = true;
            listener.onFinal(result);
        }
    }

    void fail(BackendFailure failure) {
        if (!cancelled && !ended) {
            ended = true;
            listener.onError(failure, chunked);
        }
    }

    @Override
    public void cancel() {
        if (!cancelled && !ended) {
            cancelled = true;
            cancelledCount.incrementAndGet();
        }
        cancelled = true;
    }
}
