package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.openai.OpenAiJson.FunctionCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tool calls a model writes as a bare JSON answer, which Llama 3.1 and 3.2's chat templates ask for:
 * {@code {"name": ..., "parameters": {...}}} (or {@code "arguments"}) as the whole answer, or a JSON array of such
 * calls; Mistral's templates ask for the array after a {@code [TOOL_CALLS]} marker, which is read too. An answer that
 * is anything else, or names a function that is not listed, stays text.
 */
final class JsonToolCalls {

    /** What Mistral's models write before their array of calls (a control token, rendered as its text). */
    static final String MISTRAL_MARKER = "[TOOL_CALLS]";

    private JsonToolCalls() {
    }

    /**
     * Whether {@code text}, leading whitespace aside, begins like a bare JSON call: an object or an array (Mistral's
     * marker begins like an array too).
     */
    static boolean startsLikeCall(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /** The calls {@code answer} makes when it is one call or an array of calls of listed functions. */
    static HermesToolCalls.Parsed parse(String answer, Set<String> functions) {
        List<FunctionCall> calls = new ArrayList<>();
        String json = answer.strip();
        if (json.startsWith(MISTRAL_MARKER)) {
            json = json.substring(MISTRAL_MARKER.length()).strip();
        }
        JsonNode root = HermesToolCalls.readJson(json).orElse(null);
        if (root != null && root.isObject()) {
            HermesToolCalls.call(root, functions::contains).ifPresent(calls::add);
        } else if (root != null && root.isArray() && !root.isEmpty()) {
            for (JsonNode element : root) {
                Optional<FunctionCall> call = HermesToolCalls.call(element, functions::contains);
                if (call.isEmpty()) {
                    return new HermesToolCalls.Parsed(answer, List.of());
                }
                calls.add(call.get());
            }
        }
        return calls.isEmpty() ? new HermesToolCalls.Parsed(answer, List.of())
                : new HermesToolCalls.Parsed("", List.copyOf(calls));
    }
}
