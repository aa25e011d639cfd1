package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.error.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of an embeddings request's {@code input}: a string, or a non-empty array of strings. Arrays of token ids
 * (which OpenAI also takes) are refused: the engine embeds text. Counts, empty texts and lengths are the inference
 * service's to judge, against the model's limits.
 */
final class EmbeddingInputs {

    private EmbeddingInputs() {
    }

    /** The texts, in order; a 400 on {@code input} otherwise. */
    static List<String> of(JsonNode input) {
        if (input == null || input.isNull()) {
            throw ApiException.invalid("input", "'input' is required: a string or an array of strings");
        }
        if (input.isTextual()) {
            return List.of(input.textValue());
        }
        if (!input.isArray()) {
            throw ApiException.invalid("input", "'input' must be a string or an array of strings");
        }
        if (input.isEmpty()) {
            throw ApiException.invalid("input", "'input' must hold at least one string");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isNumber() || item.isArray()) {
                throw ApiException.unsupportedValue("input", "Unsupported value: 'input' holds token ids; this"
                        + " server embeds text only, so send the texts");
            }
            if (!item.isTextual()) {
                throw ApiException.invalid("input[" + i + "]", "'input[" + i + "]' must be a string");
            }
            texts.add(item.textValue());
        }
        return texts;
    }
}
