package dev.llmplatform.gateway.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.JsonFields;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.DecodeRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** Tokenize, detokenize and count through the tokenizer service. */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenizeResource {

    private final TokenizerClient client;

    TokenizeResource(TokenizerClient client) {
        this.client = client;
    }

    /** {@code {"tokenizer","text","add_special_tokens"?}} → ids, tokens, offsets, byte_offsets, count, special_mask. */
    @POST
    @Path("/tokenize")
    public Uni<TokenizerJson.Tokenized> tokenize(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        EncodeRequest.Builder request = EncodeRequest.newBuilder()
                .setTokenizer(fields.requiredName("tokenizer"))
                .setText(text(fields));
        fields.optionalBoolean("add_special_tokens").ifPresent(request::setAddSpecialTokens);
        return client.call(stub -> stub.encode(request.build())).map(TokenizerJson.Tokenized::of);
    }

    /** {@code {"tokenizer","ids":[...],"skip_special_tokens"?}} → text. */
    @POST
    @Path("/detokenize")
    public Uni<TokenizerJson.Detokenized> detokenize(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String tokenizer = fields.requiredName("tokenizer");
        DecodeRequest.Builder request = DecodeRequest.newBuilder().setTokenizer(tokenizer).addAllIds(ids(fields));
        fields.optionalBoolean("skip_special_tokens").ifPresent(request::setSkipSpecialTokens);
        return client.call(stub -> stub.decode(request.build()))
                .map(r -> new TokenizerJson.Detokenized(tokenizer, r.getText()));
    }

    /** {@code {"tokenizer","text","add_special_tokens"?}} → count, characters, bytes. */
    @POST
    @Path("/tokenize/count")
    public Uni<TokenizerJson.Counted> count(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String tokenizer = fields.requiredName("tokenizer");
        CountRequest.Builder request = CountRequest.newBuilder().setTokenizer(tokenizer).setText(text(fields));
        fields.optionalBoolean("add_special_tokens").ifPresent(request::setAddSpecialTokens);
        return client.call(stub -> stub.count(request.build()))
                .map(r -> new TokenizerJson.Counted(tokenizer, r.getCount(), r.getCharacters(), r.getBytes()));
    }

    /** {@code {"tokenizer","texts":[...],"add_special_tokens"?}} → counts, total. */
    @POST
    @Path("/tokenize/count/batch")
    public Uni<TokenizerJson.BatchCounted> countBatch(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String tokenizer = fields.requiredName("tokenizer");
        if (fields.node("texts").isEmpty() || !fields.node("texts").get().isArray()) {
            throw ApiException.invalid("texts", "'texts' must be an array of strings");
        }
        CountBatchRequest.Builder request = CountBatchRequest.newBuilder().setTokenizer(tokenizer)
                .addAllTexts(fields.stringOrList("texts"));
        fields.optionalBoolean("add_special_tokens").ifPresent(request::setAddSpecialTokens);
        return client.call(stub -> stub.countBatch(request.build()))
                .map(r -> new TokenizerJson.BatchCounted(tokenizer, r.getCountsList(), r.getTotal()));
    }

    private static String text(JsonFields fields) {
        return fields.optionalString("text").orElseThrow(() -> ApiException.invalid("text", "'text' is required"));
    }

    private static List<Integer> ids(JsonFields fields) {
        JsonNode node = fields.node("ids").orElseThrow(() -> ApiException.invalid("ids", "'ids' is required"));
        if (!node.isArray()) {
            throw ApiException.invalid("ids", "'ids' must be an array of integers, got " + JsonFields.kind(node));
        }
        List<Integer> ids = new ArrayList<>(node.size());
        for (JsonNode id : node) {
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw ApiException.invalid("ids", "'ids' must contain non-negative integers, got "
                        + JsonFields.kind(id));
            }
            ids.add(id.intValue());
        }
        return ids;
    }
}
