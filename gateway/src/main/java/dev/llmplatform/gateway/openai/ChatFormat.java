package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.openai.OpenAiJson.ChatChunk;
import dev.llmplatform.gateway.openai.OpenAiJson.ChunkChoice;
import dev.llmplatform.gateway.openai.OpenAiJson.Delta;
import dev.llmplatform.gateway.backend.GenerationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chat.completion} and {@code chat.completion.chunk} answers.
 *
 * @param systemFingerprint {@link SystemFingerprint} of the platform version and the model
 */
public record ChatFormat(String id, long created, String model, String systemFingerprint)
        implements AnswerFormat {

    @Override
    public Object firstChunk() {
        return chunk(new Delta("assistant", ""), null);
    }

    @Override
    public Object deltaChunk(String text) {
        return chunk(new Delta(null, text), null);
    }

    @Override
    public List<Object> lastChunks(GenerationResult result, boolean includeUsage) {
        return lastChunks(result, OpenAiJson.finishReason(result.finishReason()), includeUsage);
    }

    /** The finish chunk with {@code finishReason} (and the timings), then the usage chunk when asked. */
    List<Object> lastChunks(GenerationResult result, String finishReason, boolean includeUsage) {
        List<Object> chunks = new ArrayList<>();
        chunks.add(new ChatChunk(id, "chat.completion.chunk", created, model, systemFingerprint,
                List.of(new ChunkChoice(0, new Delta(null, null), finishReason)), null,
                OpenAiJson.Timings.of(result)));
        if (includeUsage) {
            chunks.add(new ChatChunk(id, "chat.completion.chunk", created, model, systemFingerprint, List.of(),
                    OpenAiJson.Usage.of(result), null));
        }
        return chunks;
    }

    @Override
    public Object whole(String text, GenerationResult result) {
        return whole(new OpenAiJson.Message("assistant", text), OpenAiJson.finishReason(result.finishReason()),
                result);
    }

    /** The non-streamed answer with this message and finish reason. */
    Object whole(OpenAiJson.Message message, String finishReason, GenerationResult result) {
        return new OpenAiJson.ChatCompletion(id, "chat.completion", created, model, systemFingerprint,
                List.of(new OpenAiJson.ChatChoice(0, message, finishReason)), OpenAiJson.Usage.of(result),
                OpenAiJson.Timings.of(result));
    }

    /** A chunk of one choice with this delta. */
    ChatChunk chunk(Delta delta, String finishReason) {
        return new ChatChunk(id, "chat.completion.chunk", created, model, systemFingerprint,
                List.of(new ChunkChoice(0, delta, finishReason)), null, null);
    }
}
