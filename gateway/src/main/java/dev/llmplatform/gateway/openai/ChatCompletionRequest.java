package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions} and of a WebSocket {@code chat} frame, bound by Jackson (snake_case,
 * strict types, {@link dev.llmplatform.gateway.config.StrictJson}). Other documented OpenAI fields are accepted and
 * ignored; {@code chat_template}, {@code chat_template_kwargs} and {@code grammar} are bound only to be refused, and
 * {@code n} only to be held to 1 ({@link RequestMapping}).
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
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
        Boolean stream,
        ChatParams.StreamOptions streamOptions,
        Integer n,
        List<ChatParams.Tool> tools,
        JsonNode chatTemplate,
        JsonNode chatTemplateKwargs,
        JsonNode grammar) implements SamplingFields {
}
