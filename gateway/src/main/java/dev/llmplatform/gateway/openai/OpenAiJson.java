package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.llmplatform.gateway.backend.GenerationLimits;
import dev.llmplatform.gateway.backend.GenerationResult;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAI wire shapes (snake_case through the global Jackson naming), plus the non-standard {@code timings}. */
public final class OpenAiJson {

    private OpenAiJson() {
    }

    /** Token counts; {@code prompt_tokens_details.cached_tokens} counts the prompt tokens served from the cache. */
    public record Usage(int promptTokens, int completionTokens, int totalTokens,
                        PromptTokensDetails promptTokensDetails) {

        /** From a generation's result. */
        public static Usage of(GenerationResult result) {
            return new Usage(result.promptTokens(), result.completionTokens(),
                    result.promptTokens() + result.completionTokens(),
                    new PromptTokensDetails(result.cachedTokens()));
        }

        /** Counts without a prompt account (a generation cancelled before its result). */
        public static Usage completionOnly(int completionTokens) {
            return new Usage(0, completionTokens, completionTokens, new PromptTokensDetails(0));
        }
    }

    /** OpenAI's breakdown of the prompt tokens: those whose KV cells were reused from an earlier request. */
    public record PromptTokensDetails(int cachedTokens) {
    }

    /** Timings measured by the inference service (non-standard). */
    public record Timings(double timeToFirstTokenMs, double tokensPerSecond, double totalMs, double queueMs) {

        /** From a generation's result. */
        public static Timings of(GenerationResult result) {
            GenerationResult.Timings t = result.timings();
            return new Timings(t.timeToFirstTokenMs(), t.tokensPerSecond(), t.totalMs(), t.queueMs());
        }
    }

    /** A chat message in an answer: text, or (content null) the tool calls the answer makes. */
    @Schema(name = "ResponseMessage")
    public record Message(String role, @JsonInclude(JsonInclude.Include.ALWAYS) String content,
            List<ToolCall> toolCalls) {

        /** A text answer. */
        public Message(String role, String content) {
            this(role, content, null);
        }
    }

    /** A call of one of the request's tools; {@code index} only in a streamed delta. */
    @Schema(name = "ResponseToolCall")
    public record ToolCall(Integer index, String id, String type, FunctionCall function) {
    }

    /** The function a tool call names and its arguments, a JSON object as a string. */
    @Schema(name = "ResponseFunctionCall")
    public record FunctionCall(String name, String arguments) {
    }

    /** A choice of a non-streamed chat answer; {@code logprobs} is always null (none are returned). */
    public record ChatChoice(int index, Message message, @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            String finishReason) {

        /** A choice without log probabilities. */
        public ChatChoice(int index, Message message, String finishReason) {
            this(index, message, null, finishReason);
        }
    }

    /** {@code chat.completion}. */
    public record ChatCompletion(String id, String object, long created, String model, String systemFingerprint,
            List<ChatChoice> choices, Usage usage, Timings timings) {
    }

    /** The delta of a streamed chat chunk. */
    public record Delta(String role, String content, List<ToolCall> toolCalls) {

        /** A delta of text (or of the role). */
        public Delta(String role, String content) {
            this(role, content, null);
        }
    }

    /**
     * A choice of a streamed chat chunk; {@code finish_reason} is written as null until the last one, {@code logprobs}
     * always.
     */
    public record ChunkChoice(int index, Delta delta, @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {

        /** A choice without log probabilities. */
        public ChunkChoice(int index, Delta delta, String finishReason) {
            this(index, delta, null, finishReason);
        }
    }

    /** {@code chat.completion.chunk}. */
    public record ChatChunk(String id, String object, long created, String model, String systemFingerprint,
            List<ChunkChoice> choices, Usage usage, Timings timings) {
    }

    /** A choice of a legacy completion (streamed or not); {@code logprobs} is always null. */
    public record TextChoice(int index, String text, @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {

        /** A choice without log probabilities. */
        public TextChoice(int index, String text, String finishReason) {
            this(index, text, null, finishReason);
        }
    }

    /** {@code text_completion}, for whole answers and for stream chunks. */
    public record TextCompletion(String id, String object, long created, String model, String systemFingerprint,
            List<TextChoice> choices, Usage usage, Timings timings) {
    }

    /**
     * One model of {@code GET /v1/models}: OpenAI's fields, then the served context per slot, the ready endpoints,
     * the max_tokens a request that leaves it out gets, the vocabulary size (logit_bias takes token ids below it;
     * 0 when not known), and the bounds the inference service holds requests to; for a model served for embeddings
     * (and not for chat or completions) the length of its embeddings, their pooling and the most inputs of a
     * request, left out for the others.
     */
    public record Model(String id, String object, long created, String ownedBy, int contextLength, int endpoints,
            int defaultMaxTokens, int vocabularySize, GenerationLimits limits,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer embeddingLength,
            @JsonInclude(JsonInclude.Include.NON_NULL) String pooling,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxEmbeddingInputs) {
    }

    /**
     * An embeddings answer ({@code POST /v1/embeddings}).
     *
     * @param object "list"
     * @param data   one embedding per input, in order
     * @param model  the model that embedded them
     * @param usage  the tokens of the inputs (OpenAI's shape: no completion tokens)
     */
    @Schema(name = "CreateEmbeddingResponse")
    public record EmbeddingList(String object, List<EmbeddingItem> data, String model, EmbeddingUsage usage) {
    }

    /**
     * One input's embedding.
     *
     * @param object    "embedding"
     * @param index     the input's place in {@code input}
     * @param embedding an array of floats, or with {@code encoding_format: "base64"} a string: the base64 of the
     *                  floats as little-endian float32
     */
    @Schema(name = "Embedding")
    public record EmbeddingItem(String object, int index,
            @Schema(implementation = Object.class, description = "an array of numbers, or a base64 string")
            Object embedding) {
    }

    /** The tokens an embeddings request was evaluated as (BOS tokens included). */
    @Schema(name = "EmbeddingUsage")
    public record EmbeddingUsage(int promptTokens, int totalTokens) {
    }

    /** {@code GET /v1/models}. */
    public record ModelList(String object, List<Model> data) {
    }

    /** The OpenAI finish reason. */
    public static String finishReason(GenerationResult.FinishReason reason) {
        return switch (reason) {
            case LENGTH -> "length";
            case CANCELLED -> "cancelled";
            case STOP -> "stop";
        };
    }
}
