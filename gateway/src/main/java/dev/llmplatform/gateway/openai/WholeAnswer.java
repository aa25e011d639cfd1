package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.GenerationHandle;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.http.HttpErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;

/**
 * One generation collected into a single JSON answer: one item, so a failure before it gets its real status code
 * through the exception mappers. Closing the connection cancels the generation.
 */
final class WholeAnswer implements GenerationListener {

    private final AnswerFormat format;
    private final Context context;
    private final ObjectMapper mapper;
    private final StringBuilder text = new StringBuilder();
    private MultiEmitter<? super String> emitter;
    private volatile GenerationHandle handle;
    private volatile boolean ended;

    private WholeAnswer(AnswerFormat format, Context context, ObjectMapper mapper) {
        this.format = format;
        this.context = context;
        this.mapper = mapper;
    }

    /** The answer to {@code request}; the generation starts when Quarkus REST subscribes. */
    static Multi<String> of(InferenceBackend backend, GenerationRequest request, AnswerFormat format, Context context,
            ObjectMapper mapper) {
        return Multi.createFrom().emitter(emitter -> new WholeAnswer(format, context, mapper)
                .start(backend, request, emitter));
    }

    private void start(InferenceBackend backend, GenerationRequest request, MultiEmitter<? super String> target) {
        emitter = target;
        target.onTermination(() -> {
            GenerationHandle running = handle;
            if (!ended && running != null) {
                running.cancel();
            }
        });
        try {
            handle = backend.generate(request, this);
        } catch (RuntimeException refused) {
            ended = true;
            target.fail(refused);
        }
    }

    @Override
    public void onChunk(String piece, int tokens) {
        text.append(piece);
    }

    @Override
    public void onFinal(GenerationResult result) {
        ended = true;
        String body = HttpErrors.json(mapper, format.whole(text.toString(), result));
        context.runOnContext(v -> {
            emitter.emit(body);
            emitter.complete();
        });
    }

    @Override
    public void onError(BackendFailure failure, boolean afterFirstChunk) {
        ended = true;
        context.runOnContext(v -> emitter.fail(failure));
    }
}
