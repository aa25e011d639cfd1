package dev.llmplatform.gateway.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.JsonFields;
import dev.llmplatform.proto.tokenizer.v1.ChatMessage;
import dev.llmplatform.proto.tokenizer.v1.CompareRequest;
import dev.llmplatform.proto.tokenizer.v1.EstimateCostRequest;
import dev.llmplatform.proto.tokenizer.v1.LanguageEfficiencyRequest;
import dev.llmplatform.proto.tokenizer.v1.ListTokenizersRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Listing, comparison, Spanish/English efficiency and cost estimation through the tokenizer service. */
@Path("/v1/tokenizers")
@Produces(MediaType.APPLICATION_JSON)
public class TokenizerToolsResource {

    private static final int MAX_COMPARED = 16;

    private final TokenizerClient client;

    TokenizerToolsResource(TokenizerClient client) {
        this.client = client;
    }

    /** The tokenizers served, with family, source, vocabulary size and special tokens. */
    @GET
    public Uni<TokenizerJson.InfoList> list() {
        return client.call(stub -> stub.listTokenizers(ListTokenizersRequest.getDefaultInstance()))
                .map(TokenizerJson.InfoList::of);
    }

    /** {@code {"text","tokenizers":[...]}} → per-tokenizer counts and ratios. */
    @POST
    @Path("/compare")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TokenizerJson.Comparison> compare(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String text = fields.optionalString("text").orElseThrow(() -> ApiException.invalid("text", "'text' is required"));
        List<String> tokenizers = fields.stringOrList("tokenizers");
        if (tokenizers.isEmpty() || tokenizers.size() > MAX_COMPARED) {
            throw ApiException.invalid("tokenizers", "'tokenizers' must name 1 to " + MAX_COMPARED
                    + " tokenizers, got " + tokenizers.size());
        }
        CompareRequest request = CompareRequest.newBuilder().setText(text).addAllTokenizers(tokenizers).build();
        return client.call(stub -> stub.compare(request)).map(TokenizerJson.Comparison::of);
    }

    /** {@code {"spanish"?,"english"?,"tokenizers"?}} → Spanish vs English counts per tokenizer. */
    @POST
    @Path("/language-efficiency")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TokenizerJson.Efficiency> languageEfficiency(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        LanguageEfficiencyRequest request = LanguageEfficiencyRequest.newBuilder()
                .setSpanish(fields.optionalString("spanish").orElse(""))
                .setEnglish(fields.optionalString("english").orElse(""))
                .addAllTokenizers(fields.stringOrList("tokenizers")).build();
        return client.call(stub -> stub.languageEfficiency(request)).map(TokenizerJson.Efficiency::of);
    }

    /** {@code {"model","messages":[{"role","content"}],"max_output_tokens"?}} → cost and fit. */
    @POST
    @Path("/cost")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TokenizerJson.Cost> cost(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        EstimateCostRequest.Builder request = EstimateCostRequest.newBuilder()
                .setModel(fields.requiredName("model"))
                .setMaxOutputTokens(fields.optionalLong("max_output_tokens", 0, Integer.MAX_VALUE).orElse(0L).intValue());
        JsonNode messages = fields.node("messages")
                .orElseThrow(() -> ApiException.invalid("messages", "'messages' is required"));
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiException.invalid("messages", "'messages' must be a non-empty array");
        }
        for (JsonNode message : messages) {
            JsonFields m = JsonFields.of(message);
            request.addMessages(ChatMessage.newBuilder().setRole(m.requiredString("role"))
                    .setContent(m.optionalString("content").orElse("")));
        }
        return client.call(stub -> stub.estimateCost(request.build())).map(TokenizerJson.Cost::of)
                .onFailure(ApiException.class).transform(e -> ((ApiException) e).status() == 404
                        ? ApiException.notFound("model_not_found", "model", e.getMessage()) : e);
    }
}
