package dev.llmplatform.gateway.tokenizer;

import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.backend.ServedModel;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.openai.RequestMapping;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Listing (with the tokenizer service's limits), comparison, Spanish/English efficiency and cost estimation. A cost
 * for a model this gateway serves is counted against the model's served context (its {@code context_length}).
 */
@Tag(name = "Tokenizers")
@Path("/v1/tokenizers")
@Produces(MediaType.APPLICATION_JSON)
public class TokenizerToolsResource {

    private final TokenizerCalls calls;
    private final InferenceBackend backend;

    TokenizerToolsResource(TokenizerCalls calls, InferenceBackend backend) {
        this.calls = calls;
        this.backend = backend;
    }

    /** The tokenizers served, with family, source, vocabulary size and special tokens, and the service's limits. */
    @GET
    @Operation(operationId = "listTokenizers",
            summary = "The served tokenizers with their families, vocabulary sizes, special tokens and limits")
    public Uni<TokenizerJson.InfoList> list() {
        return calls.list();
    }

    /** {@code {"text","tokenizers":[...]}} → per-tokenizer counts and ratios. */
    @POST
    @Path("/compare")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "compareTokenizers",
            summary = "One text under several tokenizers: counts and ratios side by side")
    public Uni<TokenizerJson.Comparison> compare(TokenizerRequests.Compare body) {
        RequestMapping.requireBody(body);
        if (body.text() == null) {
            throw ApiException.invalid("text", "'text' is required");
        }
        if (body.tokenizers() == null || RequestMapping.hasNull(body.tokenizers())) {
            throw ApiException.invalid("tokenizers", "'tokenizers' is required: an array of tokenizer names");
        }
        return calls.compare(body);
    }

    /** {@code {"spanish"?,"english"?,"tokenizers"?}} → Spanish vs English counts per tokenizer. */
    @POST
    @Path("/language-efficiency")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "languageEfficiency", summary = "Spanish against English token counts per tokenizer")
    public Uni<TokenizerJson.Efficiency> languageEfficiency(TokenizerRequests.LanguageEfficiency body) {
        RequestMapping.requireBody(body);
        if (body.tokenizers() != null && RequestMapping.hasNull(body.tokenizers())) {
            throw ApiException.invalid("tokenizers", "'tokenizers' must be an array of tokenizer names");
        }
        return calls.languageEfficiency(body);
    }

    /** {@code {"model","messages":[{"role","content"}],"max_output_tokens"?}} → cost and fit. */
    @POST
    @Path("/cost")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "estimateCost", summary = "Token count, cost and context fit of a chat for a model")
    public Uni<TokenizerJson.Cost> cost(TokenizerRequests.Cost body) {
        RequestMapping.requireBody(body);
        String model = RequestMapping.name(body.model(), "model");
        if (body.messages() == null) {
            throw ApiException.invalid("messages", "'messages' is required");
        }
        for (int i = 0; i < body.messages().size(); i++) {
            TokenizerRequests.CostMessage message = body.messages().get(i);
            if (message == null || message.role() == null) {
                throw ApiException.invalid("messages[" + i + "].role", "messages[" + i + "].role is required");
            }
        }
        Integer servedContext = backend.model(model).map(ServedModel::contextLength).filter(c -> c > 0).orElse(null);
        return calls.estimateCost(body, servedContext);
    }
}
