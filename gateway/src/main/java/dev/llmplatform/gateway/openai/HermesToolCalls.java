package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.openai.OpenAiJson.FunctionCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The tool calls a model writes in the Hermes format, which Qwen2.5's chat template asks for:
 * {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>}, one block per call. A block whose body is not a
 * call of a listed function stays text.
 */
final class HermesToolCalls {

    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An answer split into its text (the parts outside the calls, stripped; empty when there are none) and its calls.
     */
    record Parsed(String text, List<FunctionCall> calls) {
    }

    private HermesToolCalls() {
    }

    /** The calls of listed functions in {@code answer}, and the text around them. */
    static Parsed parse(String answer, Set<String> functions) {
        List<FunctionCall> calls = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (true) {
            int open = answer.indexOf(OPEN, at);
            int close = open < 0 ? -1 : answer.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                text.append(answer, at, answer.length());
                break;
            }
            FunctionCall call = call(answer.substring(open + OPEN.length(), close), functions::contains)
                    .orElse(null);
            if (call == null) {
                text.append(answer, at, close + CLOSE.length());
            } else {
                text.append(answer, at, open);
                calls.add(call);
            }
            at = close + CLOSE.length();
        }
        return new Parsed(calls.isEmpty() ? answer : text.toString().strip(), calls);
    }

    /**
     * How much of the end of {@code text} could be the start of {@link #OPEN} ("&lt;", "&lt;tool", ...): that much is
     * held back while streaming, until the next piece says whether a call begins.
     */
    static int partialOpenAtEnd(String text) {
        for (int n = Math.min(OPEN.length() - 1, text.length()); n > 0; n--) {
            if (text.endsWith(OPEN.substring(0, n))) {
                return n;
            }
        }
        return 0;
    }

    /**
     * The call a JSON text makes, {@code {"name": ..., "arguments": {...}}}, when it is one and names a function
     * {@code listed} accepts; the arguments written out compact.
     */
    static Optional<FunctionCall> call(String json, Predicate<String> listed) {
        return readJson(json).flatMap(call -> call(call, listed));
    }

    /** {@code text} as JSON, or empty when it is not JSON. */
    static Optional<JsonNode> readJson(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * The call a JSON object makes: its {@code name} is a function {@code listed} accepts and its {@code arguments}
     * (or {@code parameters}, Llama 3's word) are an object.
     */
    static Optional<FunctionCall> call(JsonNode call, Predicate<String> listed) {
        JsonNode arguments = call.has("arguments") ? call.path("arguments") : call.path("parameters");
        if (call.path("name").isTextual() && listed.test(call.path("name").textValue()) && arguments.isObject()) {
            return Optional.of(new FunctionCall(call.path("name").textValue(), arguments.toString()));
        }
        return Optional.empty();
    }

    /** A new id for a call in an answer. */
    static String callId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
