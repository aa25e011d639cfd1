package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.inference.Endpoint;
import dev.llmplatform.gateway.inference.EndpointRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /v1/models}: the models with at least one ready inference endpoint (OpenAI list shape). */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final EndpointRegistry registry;

    ModelsResource(EndpointRegistry registry) {
        this.registry = registry;
    }

    /** All served models, sorted by id. */
    @GET
    public OpenAiJson.ModelList list() {
        return new OpenAiJson.ModelList("list", registry.readyModels().stream().map(this::describe).toList());
    }

    /** One served model; 404 when no ready endpoint serves it. */
    @GET
    @Path("/{model}")
    public OpenAiJson.Model get(@PathParam("model") String model) {
        if (!registry.readyModels().contains(model)) {
            throw ApiException.modelNotFound(model);
        }
        return describe(model);
    }

    private OpenAiJson.Model describe(String model) {
        List<Endpoint> endpoints = registry.endpointsFor(model).stream().filter(Endpoint::ready).toList();
        Integer context = endpoints.isEmpty() ? null : endpoints.get(0).info().getContextLength();
        return new OpenAiJson.Model(model, "model", 0, "llm-platform", context, endpoints.size());
    }
}
