package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/embeddings}: OpenAI's fields. {@code input} is a string or an array of strings
 * ({@link EmbeddingInputs}); {@code user} is advisory and every other field is refused by name
 * ({@link RequestFields#EMBEDDING}).
 *
 * @param model          the model, one whose endpoints embed
 * @param input          one text or an array of texts
 * @param encodingFormat {@code "float"} (the default) or {@code "base64"}
 * @param dimensions     accepted only as the model's own embedding length (the vectors cannot be shortened)
 */
@Schema(name = "CreateEmbeddingRequest")
public record EmbeddingRequest(String model, @Schema(implementation = Object.class,
        description = "a string, or an array of strings") JsonNode input, String encodingFormat, Integer dimensions) {
}
