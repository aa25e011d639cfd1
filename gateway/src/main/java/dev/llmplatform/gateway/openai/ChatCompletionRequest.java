package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions} and of a WebSocket {@code chat} frame, bound by Jackson (snake_case,
 * strict types, {@link dev.llmplatform.gateway.config.StrictJson}). The components are the fields the gateway acts
 * on ({@code n} only to be held to 1, {@code tool_choice} read by {@link ToolChoices}, {@code response_format} read by
 * {@link ResponseFormats}); any other field is
 * {@link UnboundFields}' while binding: {@link RequestFields#CHAT} ignores it as advisory, accepts its no-op value, or
 * refuses it, and an unknown one is refused.
 */
public record ChatCompletionRequest(
        String model,
        List<ChatParams.Message> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        Double topP,
        Integer topK,
        Double minP,
        Double repeatPenalty,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty,
        JsonNode logitBias,
        JsonNode responseFormat,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
        Boolean stream,
        ChatParams.StreamOptions streamOptions,
        Integer n,
        List<ChatParams.Tool> tools,
        JsonNode toolChoice) implements SamplingFields {
}
