package dev.llmplatform.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of a raw JSON request body with precise 400 messages: a field of the wrong type, out of range,
 * NaN or infinite is refused, never coerced (so {@code "max_tokens": 1.5} or {@code "temperature": "hot"} are 400).
 */
public final class JsonFields {

    private final JsonNode body;

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    /** Wraps a body that must be a JSON object. */
    public static JsonFields of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.malformed("The request body must be a JSON object; it is empty");
        }
        if (!body.isObject()) {
            throw ApiException.malformed("The request body must be a JSON object, got " + kind(body));
        }
        return new JsonFields(body);
    }

    /** The raw node of a field, empty when absent or null. */
    public Optional<JsonNode> node(String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** A required non-empty string. */
    public String requiredString(String name) {
        String value = optionalString(name).orElseThrow(() -> ApiException.invalid(name, "'" + name + "' is required"));
        if (value.isEmpty()) {
            throw ApiException.invalid(name, "'" + name + "' must not be empty");
        }
        return value;
    }

    /** The longest model or tokenizer name accepted. */
    public static final int MAX_NAME = 256;

    /** A required model or tokenizer name: non-empty, at most {@link #MAX_NAME} characters. */
    public String requiredName(String name) {
        String value = requiredString(name);
        if (value.length() > MAX_NAME) {
            throw ApiException.invalid(name, "'" + name + "' has " + value.length() + " characters; the maximum is "
                    + MAX_NAME);
        }
        return value;
    }

    /** An optional string. */
    public Optional<String> optionalString(String name) {
        return node(name).map(node -> {
            if (!node.isTextual()) {
                throw ApiException.invalid(name, "'" + name + "' must be a string, got " + kind(node));
            }
            return node.textValue();
        });
    }

    /** An optional boolean. */
    public Optional<Boolean> optionalBoolean(String name) {
        return node(name).map(node -> {
            if (!node.isBoolean()) {
                throw ApiException.invalid(name, "'" + name + "' must be true or false, got " + kind(node));
            }
            return node.booleanValue();
        });
    }

    /** An optional integer in [min, max]. */
    public Optional<Long> optionalLong(String name, long min, long max) {
        return node(name).map(node -> {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw ApiException.invalid(name, "'" + name + "' must be an integer, got " + kind(node));
            }
            long value = node.longValue();
            if (value < min || value > max) {
                throw ApiException.invalid(name, "'" + name + "' must be between " + min + " and " + max
                        + ", got " + value);
            }
            return value;
        });
    }

    /** An optional finite number in [min, max] (excluding min itself when {@code minExclusive}). */
    public Optional<Double> optionalNumber(String name, double min, boolean minExclusive, double max) {
        return node(name).map(node -> {
            if (!node.isNumber()) {
                throw ApiException.invalid(name, "'" + name + "' must be a number, got " + kind(node));
            }
            double value = node.doubleValue();
            boolean below = minExclusive ? value <= min : value < min;
            if (!Double.isFinite(value) || below || value > max) {
                throw ApiException.invalid(name, "'" + name + "' must be " + (minExclusive ? "> " : ">= ")
                        + format(min) + " and <= " + format(max) + ", got " + Echo.cut(node.asText(), 40));
            }
            return value;
        });
    }

    /** An optional list of strings; a single string counts as a list of one. */
    public List<String> stringOrList(String name) {
        Optional<JsonNode> node = node(name);
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get().isTextual()) {
            return List.of(node.get().textValue());
        }
        if (!node.get().isArray()) {
            throw ApiException.invalid(name, "'" + name + "' must be a string or an array of strings, got "
                    + kind(node.get()));
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node.get()) {
            if (!item.isTextual()) {
                throw ApiException.invalid(name, "'" + name + "' must contain only strings, got " + kind(item));
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** A JSON type name for messages. */
    public static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "the number " + Echo.cut(node.asText(), 40);
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
