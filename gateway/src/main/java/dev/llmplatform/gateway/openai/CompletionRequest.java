package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/completions}: a {@code prompt} (a string, or an array of exactly one) and the sampling
 * fields. Bound and checked like {@link ChatCompletionRequest}; its other fields are held to
 * {@link RequestFields#COMPLETION}.
 */
public record CompletionRequest(
        String model,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> prompt,
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
        Boolean echo,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
        Boolean stream,
        ChatParams.StreamOptions streamOptions,
        Integer n) implements SamplingFields {
}
