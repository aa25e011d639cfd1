package dev.llmplatform.inference.embedding;

import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.model.ModelSession;
import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.request.GenerationValidator;
import dev.llmplatform.inference.request.InferenceError;
import dev.llmplatform.inference.scheduling.SlotLease;
import dev.llmplatform.inference.scheduling.SlotWork;
import dev.llmplatform.proto.inference.v1.EmbedRequest;
import dev.llmplatform.proto.inference.v1.EmbedResponse;
import dev.llmplatform.proto.inference.v1.Embedding;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Serves Embed on a service that loaded its model for embeddings: checks the inputs ({@link EmbeddingInputs}), takes a
 * place in the session's scheduler like a generation (RESOURCE_EXHAUSTED when slots and queue are full), and embeds
 * the inputs one after the other on the slot thread. Call it on a worker thread: it blocks until the answer.
 */
@ApplicationScoped
public class EmbeddingService {

    private static final Logger LOG = Logger.getLogger(EmbeddingService.class);

    private final ServedModel model;
    private final int maxInputs;

    EmbeddingService(ServedModel model, InferenceConfig config) {
        this.model = model;
        this.maxInputs = config.embedding().maxInputs();
    }

    /** Most inputs one call may carry. */
    public int maxInputs() {
        return maxInputs;
    }

    /** The inputs' embeddings, or an {@link InferenceError}. */
    public EmbedResponse embed(EmbedRequest request) {
        ModelSession session = model.requireReady();
        TextEngine engine = session.engine();
        ModelFacts facts = engine.facts();
        GenerationValidator.requireServed(request.getModel(), facts);
        if (!facts.embeds()) {
            throw InferenceError.failedPrecondition("the model \"" + facts.name() + "\" is loaded to generate, not to"
                    + " embed; embeddings are served by an inference service started with LLM_EMBEDDING=true");
        }
        List<String> inputs = request.getInputsList();
        int[] tokens = EmbeddingInputs.check(inputs, engine, maxInputs);
        session.scheduler().admit();
        Run run = new Run(engine, inputs, tokens);
        try {
            session.scheduler().submit(run);
        } catch (RuntimeException e) {
            session.scheduler().release();
            throw InferenceError.unavailable("the service is shutting down");
        }
        return run.await();
    }

    /** The inputs embedded in one slot, one after the other. */
    private static final class Run implements SlotWork {

        private final TextEngine engine;
        private final List<String> inputs;
        private final int[] tokens;
        private final CompletableFuture<EmbedResponse> answer = new CompletableFuture<>();
        private volatile boolean aborted;

        Run(TextEngine engine, List<String> inputs, int[] tokens) {
            this.engine = engine;
            this.inputs = inputs;
            this.tokens = tokens;
        }

        @Override
        public void run(SlotLease lease) {
            try {
                EmbedResponse.Builder response = EmbedResponse.newBuilder().setModel(engine.facts().name());
                for (int i = 0; i < inputs.size(); i++) {
                    if (aborted) {
                        answer.completeExceptionally(InferenceError.unavailable("the service is shutting down"));
                        return;
                    }
                    float[] vector = engine.embed(inputs.get(i));
                    Embedding.Builder embedding = Embedding.newBuilder().setPromptTokens(tokens[i]);
                    for (float value : vector) {
                        embedding.addValues(value);
                    }
                    response.addEmbeddings(embedding);
                }
                answer.complete(response.build());
            } catch (EngineException e) {
                LOG.warn("embedding failed in the engine", e);
                answer.completeExceptionally(InferenceError.internal(e.getMessage()));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }

        @Override
        public void refused(RuntimeException failure) {
            answer.completeExceptionally(failure);
        }

        @Override
        public void abort() {
            aborted = true;
        }

        EmbedResponse await() {
            try {
                return answer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort();
                throw InferenceError.unavailable("the call was interrupted");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : InferenceError.internal("embedding failed");
            }
        }
    }
}
