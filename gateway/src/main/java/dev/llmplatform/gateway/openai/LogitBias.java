package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.Echo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI's {@code logit_bias} ({@code {"1234": -100, "42": 5}}) as biases by token id. Only the shape is checked
 * here (an object, integer keys, number values); the inference service, which knows the vocabulary, checks the ids,
 * the [-100, 100] range and the number of entries.
 */
final class LogitBias {

    private static final String FIELD = "logit_bias";

    private LogitBias() {
    }

    /** The biases; empty when the field is left out or null. */
    static Map<Integer, Float> of(JsonNode value) {
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw ApiException.invalid(FIELD, "'logit_bias' must be an object of token ids to biases, such as"
                    + " {\"1234\": -100}, got " + value.getNodeType().name().toLowerCase());
        }
        Map<Integer, Float> biases = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            int id = tokenId(entry.getKey());
            JsonNode bias = entry.getValue();
            if (!bias.isNumber()) {
                throw ApiException.invalid(FIELD, "'logit_bias' values must be numbers in [-100, 100]; the value of '"
                        + Echo.cut(entry.getKey()) + "' is " + bias.getNodeType().name().toLowerCase());
            }
            biases.put(id, bias.floatValue());
        }
        return biases;
    }

    private static int tokenId(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(FIELD, "'logit_bias' keys must be token ids (integers, as strings), got '"
                    + Echo.cut(key) + "'");
        }
    }
}
