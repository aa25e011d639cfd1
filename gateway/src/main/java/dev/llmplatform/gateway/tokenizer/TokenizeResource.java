package dev.llmplatform.gateway.tokenizer;

import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.openai.RequestMapping;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tokenize, detokenize and count through the tokenizer service. */
@Tag(name = "Tokenizers")
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenizeResource {

    private final TokenizerCalls calls;

    TokenizeResource(TokenizerCalls calls) {
        this.calls = calls;
    }

    /** {@code {"tokenizer","text","add_special_tokens"?}} → ids, tokens, offsets, byte_offsets, count, special_mask. */
    @POST
    @Path("/tokenize")
    @Operation(operationId = "tokenize", summary = "Ids, pieces and offsets of a text under a named tokenizer")
    public Uni<TokenizerJson.Tokenized> tokenize(TokenizerRequests.Text body) {
        return calls.encode(text(body));
    }

    /** {@code {"tokenizer","ids":[...],"skip_special_tokens"?}} → text. */
    @POST
    @Path("/detokenize")
    @Operation(operationId = "detokenize", summary = "The text of token ids under a named tokenizer")
    public Uni<TokenizerJson.Detokenized> detokenize(TokenizerRequests.Ids body) {
        RequestMapping.requireBody(body);
        RequestMapping.name(body.tokenizer(), "tokenizer");
        if (body.ids() == null || RequestMapping.hasNull(body.ids())) {
            throw ApiException.invalid("ids", "'ids' is required: an array of integers");
        }
        return calls.decode(body);
    }

    /** {@code {"tokenizer","text","add_special_tokens"?}} → count, characters, bytes. */
    @POST
    @Path("/tokenize/count")
    @Operation(operationId = "countTokens", summary = "The number of tokens of a text under a named tokenizer")
    public Uni<TokenizerJson.Counted> count(TokenizerRequests.Text body) {
        return calls.count(text(body));
    }

    /** {@code {"tokenizer","texts":[...],"add_special_tokens"?}} → counts, total. */
    @POST
    @Path("/tokenize/count/batch")
    @Operation(operationId = "countTokensBatch", summary = "Token counts of several texts under one tokenizer")
    public Uni<TokenizerJson.BatchCounted> countBatch(TokenizerRequests.Texts body) {
        RequestMapping.requireBody(body);
        RequestMapping.name(body.tokenizer(), "tokenizer");
        if (body.texts() == null || RequestMapping.hasNull(body.texts())) {
            throw ApiException.invalid("texts", "'texts' is required: an array of strings");
        }
        return calls.countBatch(body);
    }

    private static TokenizerRequests.Text text(TokenizerRequests.Text body) {
        RequestMapping.requireBody(body);
        RequestMapping.name(body.tokenizer(), "tokenizer");
        if (body.text() == null) {
            throw ApiException.invalid("text", "'text' is required");
        }
        return body;
    }
}
