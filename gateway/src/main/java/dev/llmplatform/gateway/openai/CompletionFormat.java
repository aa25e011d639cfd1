package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.openai.OpenAiJson.TextChoice;
import dev.llmplatform.gateway.openai.OpenAiJson.TextCompletion;
import dev.llmplatform.gateway.backend.GenerationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Legacy {@code text_completion} answers, whole or streamed.
 *
 * @param systemFingerprint {@link SystemFingerprint} of the platform version and the model
 * @param echo              the prompt when the request asked for it to be echoed ({@code echo: true}), else ""
 */
public record CompletionFormat(String id, long created, String model, String systemFingerprint, String echo)
        implements AnswerFormat {

    /** The echoed prompt leads the stream, sent with the first text. */
    @Override
    public Object firstChunk() {
        return echo.isEmpty() ? null : deltaChunk(echo);
    }

    @Override
    public Object deltaChunk(String text) {
        return new TextCompletion(id, "text_completion", created, model, systemFingerprint,
                List.of(new TextChoice(0, text, null)), null, null);
    }

    @Override
    public List<Object> lastChunks(GenerationResult result, boolean includeUsage) {
        List<Object> chunks = new ArrayList<>();
        chunks.add(new TextCompletion(id, "text_completion", created, model, systemFingerprint,
                List.of(new TextChoice(0, "", OpenAiJson.finishReason(result.finishReason()))), null,
                OpenAiJson.Timings.of(result)));
        if (includeUsage) {
            chunks.add(new TextCompletion(id, "text_completion", created, model, systemFingerprint, List.of(),
                    OpenAiJson.Usage.of(result), null));
        }
        return chunks;
    }

    @Override
    public Object whole(String text, GenerationResult result) {
        return new TextCompletion(id, "text_completion", created, model, systemFingerprint,
                List.of(new TextChoice(0, echo + text, OpenAiJson.finishReason(result.finishReason()))),
                OpenAiJson.Usage.of(result), OpenAiJson.Timings.of(result));
    }
}
