package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.Echo;
import java.util.List;

/**
 * What a chat's {@code tool_choice} asks of generation. {@code "auto"} (the default with tools) leaves the choice to
 * the model and {@code "none"} is honoured by not offering the tools; {@code "required"} and a named function
 * ({@code {"type":"function","function":{"name":...}}}) hold the answer to the JSON of one call,
 * {@code {"name": ..., "arguments": ...}} with the arguments matching the function's {@code parameters}, through the
 * inference service's JSON schema constraint ({@link ToolCallFormat} turns it into {@code tool_calls}).
 *
 * @param offered    whether the model's template is shown the tools
 * @param callSchema the JSON schema of the forced call; empty when no call is forced
 */
record ToolChoices(boolean offered, String callSchema) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Whether the answer must be a call. */
    boolean forcesCall() {
        return !callSchema.isEmpty();
    }

    /** The choice a request's {@code tool_choice} and {@code tools} make. */
    static ToolChoices of(JsonNode toolChoice, List<ChatParams.Tool> tools) {
        if (toolChoice == null || toolChoice.isNull() || "auto".equals(toolChoice.textValue())) {
            return new ToolChoices(true, "");
        }
        if ("none".equals(toolChoice.textValue())) {
            return new ToolChoices(false, "");
        }
        List<ChatParams.Tool> functions = tools == null ? List.of() : tools.stream()
                .filter(t -> t != null && t.function() != null && t.function().name() != null).toList();
        if (functions.isEmpty()) {
            throw ApiException.invalid("tool_choice", "'tool_choice' forces a tool call but 'tools' lists no function");
        }
        if ("required".equals(toolChoice.textValue())) {
            ArrayNode anyOf = NODES.arrayNode();
            functions.forEach(f -> anyOf.add(callSchema(f.function())));
            return new ToolChoices(true, functions.size() == 1 ? anyOf.get(0).toString()
                    : NODES.objectNode().set("anyOf", anyOf).toString());
        }
        JsonNode name = toolChoice.path("function").path("name");
        if (!toolChoice.isObject() || !"function".equals(toolChoice.path("type").textValue()) || !name.isTextual()) {
            throw ApiException.unsupportedValue("tool_choice", "'tool_choice' must be \"auto\", \"none\","
                    + " \"required\" or {\"type\":\"function\",\"function\":{\"name\":...}}");
        }
        return functions.stream().filter(f -> f.function().name().equals(name.textValue())).findFirst()
                .map(f -> new ToolChoices(true, callSchema(f.function()).toString()))
                .orElseThrow(() -> ApiException.invalid("tool_choice", "'tool_choice' names the function '"
                        + Echo.cut(name.textValue()) + "', which 'tools' does not list"));
    }

    /** {"type":"object","properties":{"name":{"const":NAME},"arguments":PARAMETERS},...} for one function. */
    private static ObjectNode callSchema(ChatParams.Function function) {
        ObjectNode properties = NODES.objectNode();
        properties.set("name", NODES.objectNode().put("const", function.name()));
        JsonNode parameters = function.parameters();
        properties.set("arguments", parameters != null && parameters.isObject() && !parameters.isEmpty()
                ? parameters : NODES.objectNode().put("type", "object"));
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.set("properties", properties);
        schema.set("required", NODES.arrayNode().add("name").add("arguments"));
        schema.put("additionalProperties", false);
        return schema;
    }
}
