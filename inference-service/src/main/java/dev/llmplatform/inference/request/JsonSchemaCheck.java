package dev.llmplatform.inference.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON schema against what llama.cpp's schema-to-grammar converter (b4916) honours, so that a schema is
 * either enforced as written or refused naming the keyword, never half applied; and bounds it, since the converter
 * recurses on a native stack and writes repetition bounds out as rules. Returns the schema written out again by
 * Jackson: llama.cpp never sees the client's text.
 *
 * <p>Honoured: {@code type} (one or a list of string, number, integer, boolean, null, object, array);
 * {@code properties}, {@code required}, {@code additionalProperties} (boolean or schema); {@code items} (a schema),
 * {@code prefixItems}, {@code minItems} and {@code maxItems} (at most {@value #MAX_ITEMS}); {@code minLength} and
 * {@code maxLength} (at most {@value #MAX_LENGTH}); {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
 * {@code exclusiveMaximum} (integers, with {@code type: "integer"}); {@code enum}, {@code const}; {@code format}
 * date, time, date-time, uuid; {@code anyOf}, {@code oneOf}, {@code allOf}; {@code $ref} to {@code #/$defs/...} or
 * {@code #/definitions/...}. Ignored as annotations: {@code $schema}, {@code $id}, {@code $comment}, {@code title},
 * {@code description}, {@code default}, {@code examples}, {@code deprecated}, {@code readOnly}, {@code writeOnly}.
 * Anything else (among them {@code pattern}, {@code uniqueItems}, {@code patternProperties}, {@code not},
 * {@code if}) is refused.
 */
final class JsonSchemaCheck {

    /** Largest minItems / maxItems. */
    static final int MAX_ITEMS = 256;
    /** Largest minLength / maxLength. */
    static final int MAX_LENGTH = 1024;
    /** Most entries of an enum, anyOf, oneOf, allOf or prefixItems. */
    static final int MAX_ENTRIES = 256;

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "default", "examples", "deprecated", "readOnly", "writeOnly");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "null", "object",
            "array");
    private static final Set<String> FORMATS = Set.of("date", "time", "date-time", "uuid");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(4 * RequestLimits.MAX_SCHEMA_DEPTH).build());
    }

    private JsonSchemaCheck() {
    }

    /** The schema, checked and written out again; {@link InferenceError#invalid} naming what is wrong. */
    static String check(String json) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > RequestLimits.MAX_JSON_SCHEMA_BYTES) {
            throw InferenceError.invalid("json_schema is " + bytes + " bytes, over the limit of "
                    + RequestLimits.MAX_JSON_SCHEMA_BYTES);
        }
        JsonNode schema;
        try {
            schema = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw InferenceError.invalid("json_schema is not valid JSON: " + e.getOriginalMessage());
        }
        if (schema == null || !schema.isObject()) {
            throw InferenceError.invalid("json_schema must be a JSON object");
        }
        schema(schema, schema, "", 0);
        refusesLeftRecursion(schema);
        return schema.toString();
    }

    private static void schema(JsonNode root, JsonNode node, String path, int depth) {
        if (depth > RequestLimits.MAX_SCHEMA_DEPTH) {
            throw invalid(path, "nests subschemas over " + RequestLimits.MAX_SCHEMA_DEPTH + " deep");
        }
        if (!node.isObject()) {
            throw invalid(path, "must be a schema object");
        }
        boolean integer = node.path("type").isTextual() && node.path("type").asText().equals("integer");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "/" + key;
            if (ANNOTATIONS.contains(key)) {
                continue;
            }
            switch (key) {
                case "type" -> type(value, at);
                case "properties", "$defs", "definitions" -> {
                    requireObject(value, at);
                    value.fields().forEachRemaining(p -> schema(root, p.getValue(), at + "/" + p.getKey(),
                            depth + 1));
                }
                case "required" -> {
                    requireArray(value, at);
                    value.forEach(name -> {
                        if (!name.isTextual()) {
                            throw invalid(at, "must list property names");
                        }
                    });
                }
                case "additionalProperties" -> {
                    if (!value.isBoolean()) {
                        schema(root, value, at, depth + 1);
                    }
                }
                case "items" -> schema(root, value, at, depth + 1);
                case "prefixItems", "anyOf", "oneOf", "allOf" -> {
                    requireArray(value, at);
                    for (int i = 0; i < value.size(); i++) {
                        schema(root, value.get(i), at + "/" + i, depth + 1);
                    }
                }
                case "minItems", "maxItems" -> count(value, at, MAX_ITEMS);
                case "minLength", "maxLength" -> count(value, at, MAX_LENGTH);
                case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
                    if (!integer || !value.canConvertToLong() || !value.isIntegralNumber()) {
                        throw invalid(at, "is honoured only as an integer bound of a schema with type \"integer\"");
                    }
                }
                case "enum" -> {
                    requireArray(value, at);
                    if (value.isEmpty()) {
                        throw invalid(at, "must list at least one value");
                    }
                }
                case "const" -> {
                }
                case "format" -> {
                    if (!value.isTextual() || !FORMATS.contains(value.asText())) {
                        throw invalid(at, "must be one of " + String.join(", ", FORMATS.stream().sorted().toList())
                                + " (other formats are not enforced)");
                    }
                }
                case "$ref" -> ref(root, value, at);
                default -> throw invalid(at, "is not supported: the keyword cannot be enforced on the output");
            }
        }
    }

    /**
     * A definition that can reach itself through {@code $ref}, {@code anyOf}, {@code oneOf} and {@code allOf} alone,
     * before any object or array opens, becomes a left-recursive grammar rule, which llama.cpp b4916 drops without a
     * word (the output would be free text): refused.
     */
    private static void refusesLeftRecursion(JsonNode root) {
        for (String group : new String[] {"$defs", "definitions"}) {
            root.path(group).fieldNames().forEachRemaining(name -> {
                String start = "#/" + group + "/" + name;
                Deque<String> todo = new ArrayDeque<>(leadingRefs(root.path(group).path(name)));
                Set<String> seen = new HashSet<>();
                while (!todo.isEmpty()) {
                    String ref = todo.pop();
                    if (ref.equals(start)) {
                        throw invalid("/" + group + "/" + name, "refers to itself before any object or array"
                                + " opens (a left-recursive grammar)");
                    }
                    if (seen.add(ref)) {
                        String[] parts = ref.split("/", -1);
                        todo.addAll(leadingRefs(root.path(parts[1]).path(parts[2])));
                    }
                }
            });
        }
    }

    /** The references a schema's text can start with. */
    private static List<String> leadingRefs(JsonNode schema) {
        List<String> refs = new ArrayList<>();
        if (schema.path("$ref").isTextual()) {
            refs.add(schema.path("$ref").asText());
            return refs;
        }
        for (String choice : new String[] {"anyOf", "oneOf", "allOf"}) {
            schema.path(choice).forEach(entry -> refs.addAll(leadingRefs(entry)));
        }
        return refs;
    }

    private static void type(JsonNode value, String at) {
        if (value.isTextual() && TYPES.contains(value.asText())) {
            return;
        }
        if (value.isArray() && !value.isEmpty()) {
            value.forEach(t -> type(t, at));
            return;
        }
        throw invalid(at, "must be one of " + String.join(", ", TYPES.stream().sorted().toList()) + ", or a list of"
                + " them");
    }

    private static void ref(JsonNode root, JsonNode value, String at) {
        String ref = value.isTextual() ? value.asText() : "";
        String[] parts = ref.split("/", -1);
        boolean local = parts.length == 3 && parts[0].equals("#")
                && (parts[1].equals("$defs") || parts[1].equals("definitions"));
        if (!local || !root.path(parts[1]).path(parts[2]).isObject()) {
            throw invalid(at, "must point to a schema under #/$defs/ or #/definitions/ of this schema");
        }
    }

    private static void count(JsonNode value, String at, int max) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > max) {
            throw invalid(at, "must be an integer from 0 to " + max);
        }
    }

    private static void requireObject(JsonNode value, String at) {
        if (!value.isObject()) {
            throw invalid(at, "must be an object");
        }
    }

    private static void requireArray(JsonNode value, String at) {
        if (!value.isArray()) {
            throw invalid(at, "must be an array");
        }
        if (value.size() > MAX_ENTRIES) {
            throw invalid(at, "has " + value.size() + " entries, over the limit of " + MAX_ENTRIES);
        }
    }

    private static InferenceError invalid(String at, String what) {
        return InferenceError.invalid("json_schema " + (at.isEmpty() ? "" : "keyword '" + at + "' ") + what);
    }
}
