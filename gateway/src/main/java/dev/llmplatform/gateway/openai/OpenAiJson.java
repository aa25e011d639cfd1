package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.FinishReason;
import java.util.List;

/** OpenAI wire shapes (snake_case through the global Jackson naming), plus the non-standard {@code timings}. */
public final class OpenAiJson {

    private OpenAiJson() {
    }

    /** Token counts. */
    public record Usage(int promptTokens, int completionTokens, int totalTokens) {

        /** From a Final message. */
        public static Usage of(Final result) {
            int prompt = result.getUsage().getPromptTokens();
            int completion = result.getUsage().getCompletionTokens();
            return new Usage(prompt, completion, prompt + completion);
        }
    }

    /** Timings measured by the inference service (non-standard). */
    public record Timings(double timeToFirstTokenMs, double tokensPerSecond, double totalMs, double queueMs) {

        /** From a Final message. */
        public static Timings of(Final result) {
            var t = result.getTimings();
            return new Timings(t.getTimeToFirstTokenMs(), t.getTokensPerSecond(), t.getTotalMs(), t.getQueueMs());
        }
    }

    /** A chat message in an answer. */
    public record Message(String role, String content) {
    }

    /** A choice of a non-streamed chat answer. */
    public record ChatChoice(int index, Message message, String finishReason) {
    }

    /** {@code chat.completion}. */
    public record ChatCompletion(String id, String object, long created, String model, List<ChatChoice> choices,
            Usage usage, Timings timings) {
    }

    /** The delta of a streamed chat chunk. */
    public record Delta(String role, String content) {
    }

    /** A choice of a streamed chat chunk; {@code finish_reason} is written as null until the last one. */
    public record ChunkChoice(int index, Delta delta, @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {
    }

    /** {@code chat.completion.chunk}. */
    public record ChatChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
            Usage usage, Timings timings) {
    }

    /** A choice of a legacy completion (streamed or not). */
    public record TextChoice(int index, String text, @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {
    }

    /** {@code text_completion}, for whole answers and for stream chunks. */
    public record TextCompletion(String id, String object, long created, String model, List<TextChoice> choices,
            Usage usage, Timings timings) {
    }

    /** One model of {@code GET /v1/models}. */
    public record Model(String id, String object, long created, String ownedBy, Integer contextLength,
            Integer endpoints) {
    }

    /** {@code GET /v1/models}. */
    public record ModelList(String object, List<Model> data) {
    }

    /** The OpenAI finish reason for a proto one. */
    public static String finishReason(FinishReason reason) {
        return switch (reason) {
            case FINISH_REASON_LENGTH -> "length";
            case FINISH_REASON_CANCELLED -> "cancelled";
            case FINISH_REASON_ERROR -> "error";
            default -> "stop";
        };
    }
}
