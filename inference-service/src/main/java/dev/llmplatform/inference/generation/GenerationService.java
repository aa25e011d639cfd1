package dev.llmplatform.inference.generation;

import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.model.ModelSession;
import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.request.InferenceError;
import dev.llmplatform.inference.request.ValidatedGeneration;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Admits, validates and runs generations: the service-side half of the engine seam. Validation (native tokenization)
 * runs on the caller's worker thread; generation runs on a slot thread of the session's scheduler. Every stream is
 * watched by {@link Heartbeats} from arrival to its final message, and gets a first {@code Progress} message as soon
 * as it is admitted.
 */
@ApplicationScoped
public class GenerationService {

    private static final Logger LOG = Logger.getLogger(GenerationService.class);

    private final ServedModel model;
    private final Heartbeats heartbeats;

    GenerationService(ServedModel model, Heartbeats heartbeats) {
        this.model = model;
        this.heartbeats = heartbeats;
    }

    /**
     * Validates and schedules a generation that streams into {@code emitter}. Call on a worker thread. A refusal is
     * thrown before anything but heartbeats was sent; the caller ends the stream with it.
     *
     * @param receivedNanos {@link System#nanoTime()} at arrival
     */
    public void generate(GenerateRequest request, MultiEmitter<? super GenerateResponse> emitter,
                         long receivedNanos) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("generate must not run on an event-loop thread");
        }
        ModelSession session = model.requireReady();
        EmitterSink sink = new EmitterSink(emitter, receivedNanos);
        sink.onFinish(() -> heartbeats.forget(sink));
        heartbeats.watch(sink);
        ValidatedGeneration validated;
        try {
            validated = validate(session, request);
            session.scheduler().admit();
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        StopSignal signal = new StopSignal();
        emitter.onTermination(signal::cancel);
        if (emitter.isCancelled()) {
            signal.cancel();
        }
        sink.progress();
        try {
            session.scheduler().submit(new GenerationRun(session.engine(), validated, sink, signal, session.metrics(),
                    session.pieces(), receivedNanos, System.nanoTime()));
        } catch (RuntimeException e) {
            session.scheduler().release();
            sink.close();
            throw InferenceError.unavailable("the service is shutting down");
        }
    }

    private static ValidatedGeneration validate(ModelSession session, GenerateRequest request) {
        try {
            return session.validator().validate(request);
        } catch (EngineException e) {
            LOG.warn("tokenization failed during validation", e);
            throw InferenceError.internal(e.getMessage());
        }
    }
}
