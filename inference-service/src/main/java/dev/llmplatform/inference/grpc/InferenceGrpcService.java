package dev.llmplatform.inference.grpc;

import dev.llmplatform.chatprompt.ChatPrompt;
import dev.llmplatform.inference.embedding.EmbeddingService;
import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.generation.GenerationService;
import dev.llmplatform.inference.model.ModelSession;
import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.request.InferenceError;
import dev.llmplatform.inference.request.GenerationValidator;
import dev.llmplatform.proto.inference.v1.EmbedRequest;
import dev.llmplatform.proto.inference.v1.EmbedResponse;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.GetModelInfoRequest;
import dev.llmplatform.proto.inference.v1.InferenceService;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.RenderChatRequest;
import dev.llmplatform.proto.inference.v1.RenderChatResponse;
import dev.llmplatform.proto.inference.v1.TokenizeRequest;
import dev.llmplatform.proto.inference.v1.TokenizeResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;

/**
 * {@code llmplatform.inference.v1.InferenceService}. Tokenize, RenderChat and Embed run on worker threads
 * ({@link Blocking}; Embed waits there for its slot, {@link EmbeddingService}); Generate is taken on the event loop and
 * handed straight to an idle slot thread, which validates and runs it (or to a worker thread that validates it before
 * it queues), and streams each piece as it is produced.
 */
@GrpcService
public class InferenceGrpcService implements InferenceService {

    /** Most UTF-8 bytes Tokenize accepts. */
    static final int MAX_TOKENIZE_BYTES = 1 << 20;

    private final GenerationService generations;
    private final EmbeddingService embeddings;
    private final ServedModel model;
    private final StatusReporter status;

    InferenceGrpcService(GenerationService generations, EmbeddingService embeddings, ServedModel model,
                         StatusReporter status) {
        this.generations = generations;
        this.embeddings = embeddings;
        this.model = model;
        this.status = status;
    }

    @Override
    public Multi<GenerateResponse> generate(GenerateRequest request) {
        long received = System.nanoTime();
        return Multi.createFrom().emitter(emitter -> {
            try {
                generations.generate(request, emitter, received);
            } catch (RuntimeException e) {
                emitter.fail(GrpcErrors.toStatus(e));
            }
        });
    }

    @Override
    @Blocking
    public Uni<TokenizeResponse> tokenize(TokenizeRequest request) {
        return Uni.createFrom().item(() -> {
            TextEngine engine = model.requireReady().engine();
            int bytes = request.getText().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_TOKENIZE_BYTES) {
                throw InferenceError.invalid("text is " + bytes + " bytes, over the limit of " + MAX_TOKENIZE_BYTES);
            }
            try {
                int[] ids = engine.tokenize(request.getText());
                TokenizeResponse.Builder response = TokenizeResponse.newBuilder();
                int bos = engine.facts().bosId();
                if (request.getAddBos() && bos >= 0) {
                    response.addIds(bos).addPieces(engine.tokenText(bos));
                }
                for (int id : ids) {
                    response.addIds(id).addPieces(engine.tokenText(id));
                }
                return response.build();
            } catch (EngineException e) {
                throw InferenceError.internal(e.getMessage());
            }
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @Blocking
    public Uni<RenderChatResponse> renderChat(RenderChatRequest request) {
        return Uni.createFrom().item(() -> {
            ModelSession session = model.requireReady();
            GenerationValidator.requireServed(request.getModel(), session.engine().facts());
            if (request.getSerializedSize() > MAX_TOKENIZE_BYTES) {
                throw InferenceError.invalid("request is " + request.getSerializedSize() + " bytes, over the limit of "
                        + MAX_TOKENIZE_BYTES);
            }
            ChatPrompt prompt = session.prompts().render(request.getChat(),
                    !request.hasAddGenerationPrompt() || request.getAddGenerationPrompt());
            RenderChatResponse.Builder response = RenderChatResponse.newBuilder().setPrompt(prompt.text())
                    .setPlainCompletion(!prompt.templated());
            for (int id : prompt.ids()) {
                response.addIds(id);
            }
            return response.build();
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @Blocking
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        return Uni.createFrom().item(() -> embeddings.embed(request)).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ModelInfo> getModelInfo(GetModelInfoRequest request) {
        return Uni.createFrom().item(status::modelInfo);
    }

    @Override
    public Uni<LoadReport> getLoad(GetLoadRequest request) {
        return Uni.createFrom().item(status::load);
    }
}
