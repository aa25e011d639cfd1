package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.error.ErrorBody;
import dev.llmplatform.gateway.openai.OpenAiJson;
import java.util.List;

/** Server → client frames of the {@code /v1/chat/ws} protocol (see gateway/README.md). */
public final class WsFrames {

    private WsFrames() {
    }

    /** A piece of the answer {@code id}. */
    public record Delta(String type, String id, String content) {
        Delta(String id, String content) {
            this("delta", id, content);
        }
    }

    /**
     * The end of the answer {@code id}: finish_reason is stop, length, cancelled or tool_calls (then
     * {@code tool_calls} holds the calls, as in a chat completion's message).
     */
    public record Done(String type, String id, String finishReason, OpenAiJson.Usage usage,
            OpenAiJson.Timings timings, List<OpenAiJson.ToolCall> toolCalls) {
        Done(String id, String finishReason, OpenAiJson.Usage usage, OpenAiJson.Timings timings,
                List<OpenAiJson.ToolCall> toolCalls) {
            this("done", id, finishReason, usage, timings, toolCalls);
        }
    }

    /** A failure of the answer {@code id} (or of a frame that could not be read, then id is null). */
    public record Error(String type, String id, ErrorBody.Detail error) {
        Error(String id, ErrorBody.Detail error) {
            this("error", id, error);
        }
    }

    /** The answer to a ping frame. */
    public record Pong(String type) {
        Pong() {
            this("pong");
        }
    }
}
