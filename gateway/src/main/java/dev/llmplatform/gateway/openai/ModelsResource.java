package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.backend.ServedModel;
import dev.llmplatform.gateway.error.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/models}: the models with at least one ready inference endpoint (OpenAI list shape), each with its
 * served context, ready endpoints, default max_tokens and the limits its inference service validates against.
 */
@Tag(name = "OpenAI")
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final InferenceBackend backend;

    ModelsResource(InferenceBackend backend) {
        this.backend = backend;
    }

    /** All served models, sorted by id. */
    @GET
    @Operation(operationId = "listModels", summary = "The served models (OpenAI models list) with their limits")
    public OpenAiJson.ModelList list() {
        return new OpenAiJson.ModelList("list", backend.readyModels().stream().map(ModelsResource::describe).toList());
    }

    /** One served model; 404 when no ready endpoint serves it. */
    @GET
    @Path("/{model}")
    @Operation(operationId = "retrieveModel", summary = "One served model")
    public OpenAiJson.Model get(@PathParam("model") String model) {
        return backend.model(model).filter(m -> m.readyEndpoints() > 0).map(ModelsResource::describe)
                .orElseThrow(() -> ApiException.modelNotFound(model, backend.readyModels().stream()
                        .map(ServedModel::name).toList()));
    }

    private static OpenAiJson.Model describe(ServedModel model) {
        return new OpenAiJson.Model(model.name(), "model", 0, "llm-platform", model.contextLength(),
                model.readyEndpoints(), model.defaultMaxTokens(), model.vocabularySize(), model.limits(),
                model.embeds() ? model.embeddingLength() : null, model.embeds() ? model.pooling() : null,
                model.embeds() ? model.maxEmbeddingInputs() : null);
    }
}
