package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.Sampling;
import dev.llmplatform.gateway.error.ApiException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns bound OpenAI requests into {@link GenerationRequest}s. It checks shape only: what must be present, what must
 * be an object or one of a few words, and what the gateway itself needs (a model name short enough to quote in an
 * error). Values are the inference service's to judge (ranges, stop strings, roles, message counts): its
 * INVALID_ARGUMENT comes back to the client unchanged. Unknown fields and documented ones the gateway does not act on
 * are refused while binding ({@link UnboundFields}); refused here, because ignoring them would mislead, are values of
 * fields it acts on that it cannot serve ({@code unsupported_value}):
 * {@code n} other than 1, a {@code tool_choice} other than "auto" or "none", and a {@code max_tokens} of 0, which
 * the contract reads as "the model's default".
 */
public final class RequestMapping {

    /** The longest model or tokenizer name accepted, so that an error can quote it whole. */
    public static final int MAX_NAME = 256;

    private RequestMapping() {
    }

    /**
     * A generation and how to answer it.
     *
     * @param generation   what the backend runs
     * @param stream       answer as server-sent events
     * @param includeUsage add the usage chunk to a stream
     * @param forcedToolCall   the answer is one call ({@link ToolCallFormat#forced})
     * @param offeredFunctions the functions the model is offered and may call in its text ({@link
     *                         ToolCallFormat#auto}); empty when none
     */
    public record Parsed(GenerationRequest generation, boolean stream, boolean includeUsage, boolean forcedToolCall,
            Set<String> offeredFunctions) {
    }

    /** A chat completion (REST body or WebSocket chat frame). */
    public static Parsed chat(ChatCompletionRequest r, String requestId) {
        requireBody(r);
        requireOne(r.n());
        ToolChoices toolChoice = ToolChoices.of(r.toolChoice(), r.tools());
        String model = name(r.model(), "model");
        if (r.messages() == null) {
            throw ApiException.invalid("messages", "'messages' is required");
        }
        Chat chat = new Chat(ChatRequests.messages(r.messages()),
                ChatRequests.tools(toolChoice.offered() ? r.tools() : null));
        String schema = ResponseFormats.jsonSchema(r.responseFormat());
        if (toolChoice.forcesCall() && !schema.isEmpty()) {
            throw ApiException.unsupportedValue("response_format", "'response_format' cannot ask for JSON while"
                    + " 'tool_choice' forces a tool call (the call is the answer)");
        }
        Sampling sampling = sampling(r, toolChoice.forcesCall() ? toolChoice.callSchema() : schema);
        Set<String> offered = chat.tools().stream().map(Chat.Tool::name).collect(Collectors.toSet());
        return new Parsed(new GenerationRequest(model, null, chat, sampling, requestId), Boolean.TRUE.equals(r.stream()),
                includeUsage(r.streamOptions()), toolChoice.forcesCall(), offered);
    }

    /** A legacy completion: {@code prompt} is one string (or an array of exactly one). */
    public static Parsed completion(CompletionRequest r, String requestId) {
        requireBody(r);
        requireOne(r.n());
        String model = name(r.model(), "model");
        if (r.prompt() == null) {
            throw ApiException.invalid("prompt", "'prompt' is required");
        }
        if (r.prompt().size() != 1 || r.prompt().get(0) == null) {
            throw ApiException.invalid("prompt", "'prompt' must be one string (or an array of exactly one), got "
                    + r.prompt().size() + " entries");
        }
        return new Parsed(new GenerationRequest(model, r.prompt().get(0), null, sampling(r, ""), requestId),
                Boolean.TRUE.equals(r.stream()), includeUsage(r.streamOptions()), false, Set.of());
    }

    /** A required model or tokenizer name: present, not empty, at most {@link #MAX_NAME} characters. */
    public static String name(String value, String field) {
        if (value == null) {
            throw ApiException.invalid(field, "'" + field + "' is required");
        }
        if (value.isEmpty()) {
            throw ApiException.invalid(field, "'" + field + "' must not be empty");
        }
        if (value.length() > MAX_NAME) {
            throw ApiException.invalid(field, "'" + field + "' has " + value.length() + " characters; the maximum is "
                    + MAX_NAME);
        }
        return value;
    }

    /** 400 for a body that is empty (JAX-RS hands over null). */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw ApiException.malformed("The request body is empty; send a JSON object");
        }
        return body;
    }

    /** Whether a bound list has a null entry ({@code [null]} in the JSON). */
    public static boolean hasNull(List<?> values) {
        return values.stream().anyMatch(Objects::isNull);
    }

    /** 400 when a field that must not be ignored is present (not null). */
    public static void refuse(JsonNode value, String field, String why) {
        if (value != null && !value.isNull()) {
            throw ApiException.unsupportedParameter(field, "Unsupported parameter: '" + field + "' is not accepted: "
                    + why);
        }
    }

    private static void requireOne(Integer n) {
        if (n != null && n != 1) {
            throw ApiException.unsupportedValue("n", "'n' must be 1 (one choice per request), got " + n);
        }
    }

    private static boolean includeUsage(ChatParams.StreamOptions options) {
        return options != null && Boolean.TRUE.equals(options.includeUsage());
    }

    private static Sampling sampling(SamplingFields f, String jsonSchema) {
        Integer maxTokens = f.maxTokens() != null ? f.maxTokens() : f.maxCompletionTokens();
        if (maxTokens != null && maxTokens == 0) {
            throw ApiException.unsupportedValue("max_tokens", "'max_tokens' 0 cannot be sent: the inference contract"
                    + " reads 0 as the model's default; leave the field out for the default");
        }
        List<String> stop = f.stop() == null ? List.of() : f.stop();
        if (hasNull(stop)) {
            throw ApiException.invalid("stop", "'stop' must be a string or an array of strings, got a null entry");
        }
        return new Sampling(maxTokens, f.temperature(), f.topP(), f.topK(), f.minP(), f.repeatPenalty(), f.seed(),
                List.copyOf(stop), f.presencePenalty(), f.frequencyPenalty(), jsonSchema, LogitBias.of(f.logitBias()));
    }
}
