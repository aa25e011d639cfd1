package dev.llmplatform.inference.generation;

import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.model.ModelSession;
import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.request.InferenceError;
import dev.llmplatform.inference.grpc.GrpcErrors;
import dev.llmplatform.inference.request.ValidatedGeneration;
import dev.llmplatform.inference.scheduling.SlotLease;
import dev.llmplatform.inference.scheduling.SlotWork;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Admits, validates and runs generations: the service-side half of the engine seam. Validation (tokenization) runs
 * on the slot thread that runs the generation when one is idle, else on a worker thread before the request queues;
 * generation runs on a slot thread of the session's scheduler. Every stream is
 * watched by {@link Heartbeats} from arrival to its final message, and gets a first {@code Progress} message as soon
 * as it is admitted.
 */
@ApplicationScoped
public class GenerationService {

    private static final Logger LOG = Logger.getLogger(GenerationService.class);

    private final ServedModel model;
    private final Heartbeats heartbeats;
    private final Tracer tracer;

    GenerationService(ServedModel model, Heartbeats heartbeats, Tracer tracer) {
        this.model = model;
        this.heartbeats = heartbeats;
        this.tracer = tracer;
    }

    /**
     * Admits, validates and schedules a generation that streams into {@code emitter}; call on the gRPC event loop. When
     * a slot thread is idle the request is admitted at once and that thread validates and runs it (one thread
     * hand-off on the way to the engine); otherwise a worker thread validates it (a refusal is sent before anything
     * but heartbeats) and it waits in the queue. A refusal ends the stream with its gRPC status.
     *
     * @param receivedNanos {@link System#nanoTime()} at arrival
     */
    public void generate(GenerateRequest request, MultiEmitter<? super GenerateResponse> emitter,
                         long receivedNanos) {
        ModelSession session = model.requireReady();
        if (session.engine().facts().embeds()) {
            throw InferenceError.failedPrecondition("the model \"" + session.engine().facts().name() + "\" is loaded"
                    + " for embeddings and does not generate; call Embed");
        }
        GenerationTrace trace = GenerationTrace.underCurrent(tracer);
        EmitterSink sink = new EmitterSink(emitter, receivedNanos);
        sink.onFinish(() -> heartbeats.forget(sink));
        heartbeats.watch(sink);
        if (session.scheduler().admitIfIdle()) {
            submit(session, new Pending(session, request, sink, emitter, trace, receivedNanos), sink);
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            Pending pending = new Pending(session, request, sink, emitter, trace, receivedNanos);
            try {
                pending.validate();
                session.scheduler().admit();
            } catch (RuntimeException e) {
                pending.refused(e);
                return;
            }
            submit(session, pending, sink);
        });
    }

    private static void submit(ModelSession session, Pending pending, EmitterSink sink) {
        try {
            session.scheduler().submit(pending);
        } catch (RuntimeException e) {
            session.scheduler().release();
            sink.close();
            pending.emitter.fail(GrpcErrors.toStatus(InferenceError.unavailable("the service is shutting down")));
        }
    }

    /** A request on its way to the engine: validated in {@link #prepare()}, then run as a {@link GenerationRun}. */
    private static final class Pending implements SlotWork {

        private final ModelSession session;
        private final GenerateRequest request;
        private final EmitterSink sink;
        private final MultiEmitter<? super GenerateResponse> emitter;
        private final GenerationTrace trace;
        private final long receivedNanos;
        private final StopSignal signal = new StopSignal();
        private ValidatedGeneration validated;
        private GenerationRun run;

        Pending(ModelSession session, GenerateRequest request, EmitterSink sink,
                MultiEmitter<? super GenerateResponse> emitter, GenerationTrace trace, long receivedNanos) {
            this.session = session;
            this.trace = trace;
            this.request = request;
            this.sink = sink;
            this.emitter = emitter;
            this.receivedNanos = receivedNanos;
        }

        /** Validates the request (a refusal is thrown). */
        void validate() {
            if (validated == null) {
                try {
                    validated = GenerationService.validate(session, request);
                } finally {
                    trace.phase("validate", receivedNanos, System.nanoTime());
                }
            }
        }

        /** Validates the request if that is still to do, and makes it ready to run in its admitted place. */
        @Override
        public void prepare() {
            if (run != null) {
                return;
            }
            validate();
            emitter.onTermination(signal::cancel);
            if (emitter.isCancelled()) {
                signal.cancel();
            }
            sink.progress();
            run = new GenerationRun(session.engine(), validated, sink, signal, session.metrics(), session.pieces(),
                    trace, receivedNanos, System.nanoTime());
        }

        @Override
        public void refused(RuntimeException failure) {
            sink.close();
            emitter.fail(GrpcErrors.toStatus(failure));
        }

        @Override
        public int[] prompt() {
            return run.prompt();
        }

        @Override
        public int answerCells() {
            return run.answerCells();
        }

        @Override
        public void run(SlotLease lease) {
            run.run(lease);
        }

        @Override
        public void abort() {
            signal.abort();
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
