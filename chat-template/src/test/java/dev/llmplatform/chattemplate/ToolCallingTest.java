package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Qwen2.5's template (from the shared fixtures) with tools, an assistant tool call and a tool result: the tools are
 * rendered as Python's {@code json.dumps} renders them, and tool calls and results land where the template puts them.
 */
class ToolCallingTest {

    private static final String SYSTEM_WITH_TOOLS = "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. "
            + "You are a helpful assistant.\n\n# Tools\n\nYou may call one or more functions to assist with the user "
            + "query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>\n";
    private static final String TOOL_CALL_INSTRUCTIONS = "\n</tools>\n\nFor each function call, return a json "
            + "object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n"
            + "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n";

    private static ChatTemplate qwen;

    @BeforeAll
    static void loadTemplate() throws IOException {
        Map<?, ?> fixture = new ObjectMapper().readValue(TestAssets.file("chat-templates/qwen2.5-instruct.json")
                .toFile(), Map.class);
        qwen = ChatTemplate.compile((String) fixture.get("chat_template"), Templates.OPTIONS);
    }

    private static final List<Map<String, Object>> TOOLS = List.of(map("type", "function", "function",
            map("name", "get_weather", "description", "Météo for a city", "parameters", map("type", "object",
                    "properties", map("city", map("type", "string")), "required", List.of("city")))));

    private static Map<String, Object> toolCall(Object arguments) {
        return map("role", "assistant", "content", null, "tool_calls", List.of(map("id", "call_1",
                "type", "function", "function", map("name", "get_weather", "arguments", arguments))));
    }

    @Test
    void toolsToolCallsAndToolResultsRenderAsTransformersRendersThem() {
        List<Map<String, Object>> messages = List.of(map("role", "user", "content", "Weather in Paris?"),
                toolCall(map("city", "Paris")),
                map("role", "tool", "tool_call_id", "call_1", "name", "get_weather", "content", "22°C"));
        String expected = SYSTEM_WITH_TOOLS
                + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": "
                + "\"Météo for a city\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": "
                + "{\"type\": \"string\"}}, \"required\": [\"city\"]}}}"
                + TOOL_CALL_INSTRUCTIONS
                + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": "
                + "\"Paris\"}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n22°C\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n";
        assertEquals(expected, qwen.render(ChatTemplateInput.of(messages, true, "", "<|im_end|>").withTools(TOOLS)));
    }

    @Test
    void toolsJsonToolCallsAndToolResultsAreRequestOwned() {
        List<Map<String, Object>> messages = List.of(map("role", "user", "content", "Weather in Paris?"),
                toolCall(map("city", "Paris")),
                map("role", "tool", "tool_call_id", "call_1", "name", "get_weather", "content", "22°C"));
        ChatTemplateInput input = ChatTemplateInput.of(messages, true, "", "<|im_end|>").withTools(TOOLS);
        RenderedPrompt tracked = qwen.renderTracked(input);
        assertEquals(qwen.render(input), tracked.text());
        String toolsJson = "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": "
                + "\"Météo for a city\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": "
                + "{\"type\": \"string\"}}, \"required\": [\"city\"]}}}";
        assertEquals(List.of(toolsJson, "user", "Weather in Paris?", "assistant", "get_weather",
                "{\"city\": \"Paris\"}", "22°C"), tracked.requestTexts());
        // The instructions around the tools, with their <|im_end|>, are the template's.
        int instructions = tracked.text().indexOf(TOOL_CALL_INSTRUCTIONS);
        assertEquals(false, tracked.anyFromRequest(instructions, instructions + TOOL_CALL_INSTRUCTIONS.length()));
    }

    @Test
    void argumentsGivenAsAJsonStringAreEncodedAsAString() {
        List<Map<String, Object>> messages = List.of(map("role", "user", "content", "Weather in Paris?"),
                toolCall("{\"city\": \"Paris\"}"));
        String expected = "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
                + "<|im_end|>\n<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": "
                + "\"{\\\"city\\\": \\\"Paris\\\"}\"}\n</tool_call><|im_end|>\n";
        assertEquals(expected, qwen.render(ChatTemplateInput.of(messages, false, "", "<|im_end|>")));
    }
}
