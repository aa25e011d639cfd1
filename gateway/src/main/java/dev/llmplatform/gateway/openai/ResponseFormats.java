package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.Echo;

/**
 * OpenAI's {@code response_format} as the JSON schema the inference service holds the answer to: {@code text} (or
 * none) is free text, {@code json_object} any JSON object, {@code json_schema} its {@code schema} (with or without
 * {@code strict}: the schema is always enforced whole, or refused by the inference service naming the keyword it
 * cannot enforce).
 */
final class ResponseFormats {

    /** What {@code json_object} asks for. */
    static final String ANY_OBJECT = "{\"type\":\"object\"}";

    private ResponseFormats() {
    }

    /** The schema for a {@code response_format} value; empty for free text. */
    static String jsonSchema(JsonNode format) {
        if (format == null || format.isNull()) {
            return "";
        }
        if (!format.isObject() || !format.path("type").isTextual()) {
            throw ApiException.invalid("response_format", "'response_format' must be an object with a 'type'");
        }
        return switch (format.path("type").textValue()) {
            case "text" -> "";
            case "json_object" -> ANY_OBJECT;
            case "json_schema" -> schemaOf(format.path("json_schema"));
            default -> throw ApiException.unsupportedValue("response_format.type", "'response_format.type' must be"
                    + " \"text\", \"json_object\" or \"json_schema\", got '" + Echo.cut(format.path("type")
                    .textValue()) + "'");
        };
    }

    private static String schemaOf(JsonNode jsonSchema) {
        JsonNode schema = jsonSchema.path("schema");
        if (!schema.isObject()) {
            throw ApiException.invalid("response_format.json_schema.schema", "'response_format.json_schema.schema'"
                    + " must be a JSON schema object");
        }
        JsonNode strict = jsonSchema.path("strict");
        if (!strict.isMissingNode() && !strict.isNull() && !strict.isBoolean()) {
            throw ApiException.invalid("response_format.json_schema.strict", "'response_format.json_schema.strict'"
                    + " must be a boolean");
        }
        return schema.toString();
    }
}
