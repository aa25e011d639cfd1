package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.backend.Embedded;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.error.ErrorBody;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/embeddings} (OpenAI's shape): the texts of {@code input} embedded by a model whose inference
 * endpoints were started for embeddings, one vector per text in order, as floats or as base64 of little-endian
 * float32 (what OpenAI's clients decode).
 */
@Tag(name = "OpenAI")
@Path("/v1/embeddings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EmbeddingsResource {

    private static final String FLOAT = "float";
    private static final String BASE64 = "base64";

    private final InferenceBackend backend;

    EmbeddingsResource(InferenceBackend backend) {
        this.backend = backend;
    }

    /** The embeddings of the request's texts. */
    @POST
    @Operation(operationId = "createEmbedding", summary = "OpenAI embeddings of a text or an array of texts")
    @APIResponse(responseCode = "200", description = "One embedding per input, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OpenAiJson.EmbeddingList.class)))
    @APIResponse(responseCode = "400", description = "A field missing, unknown or not served, an input the model"
            + " cannot take, or a model that does not embed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<OpenAiJson.EmbeddingList> create(EmbeddingRequest body) {
        RequestMapping.requireBody(body);
        String model = RequestMapping.name(body.model(), "model");
        List<String> inputs = EmbeddingInputs.of(body.input());
        boolean base64 = base64(body.encodingFormat());
        if (body.dimensions() != null) {
            backend.model(model).filter(served -> served.embeds() && served.embeddingLength() != body.dimensions())
                    .ifPresent(served -> {
                        throw ApiException.unsupportedValue("dimensions", "Unsupported value: 'dimensions' must be"
                                + " the model's embedding length, " + served.embeddingLength() + " (the vectors"
                                + " cannot be shortened); leave it out");
                    });
        }
        return backend.embed(model, inputs).map(embedded -> answer(model, embedded, base64));
    }

    private static boolean base64(String format) {
        if (format == null || FLOAT.equals(format)) {
            return false;
        }
        if (BASE64.equals(format)) {
            return true;
        }
        throw ApiException.unsupportedValue("encoding_format", "Unsupported value: 'encoding_format' must be"
                + " \"float\" or \"base64\"");
    }

    private static OpenAiJson.EmbeddingList answer(String model, List<Embedded> embedded, boolean base64) {
        List<OpenAiJson.EmbeddingItem> data = new ArrayList<>(embedded.size());
        int tokens = 0;
        for (int i = 0; i < embedded.size(); i++) {
            float[] vector = embedded.get(i).vector();
            data.add(new OpenAiJson.EmbeddingItem("embedding", i, base64 ? encode(vector) : vector));
            tokens += embedded.get(i).promptTokens();
        }
        return new OpenAiJson.EmbeddingList("list", data, model, new OpenAiJson.EmbeddingUsage(tokens, tokens));
    }

    /** Base64 of the floats as little-endian IEEE 754 float32, the encoding OpenAI's clients read. */
    static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
