package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.error.ErrorMapping;
import dev.llmplatform.gateway.openai.AnswerFormat;
import dev.llmplatform.gateway.openai.ChatAnswers;
import dev.llmplatform.gateway.openai.OpenAiJson;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends one answer of a WebSocket connection as delta frames, then a done or error frame. A chat with tools goes
 * through the same answer format as on the REST endpoint ({@link ChatAnswers}): text outside the calls streams as
 * deltas, and the calls arrive in the done frame's {@code tool_calls} with {@code finish_reason: "tool_calls"}.
 */
final class WsAnswer implements GenerationListener {

    private final String id;
    private final Consumer<Object> send;
    private final Runnable onEnd;
    private final AnswerFormat tools;
    private volatile int completionTokens;

    /**
     * @param tools the answer format of a chat with tools, or null: every piece is sent as it comes
     */
    WsAnswer(String id, Consumer<Object> send, Runnable onEnd, AnswerFormat tools) {
        this.id = id;
        this.send = send;
        this.onEnd = onEnd;
        this.tools = tools;
    }

    @Override
    public void onChunk(String text, int tokens) {
        completionTokens += tokens;
        if (tools == null) {
            send.accept(new WsFrames.Delta(id, text));
        } else {
            sendText(tools.deltaChunk(text));
        }
    }

    @Override
    public void onFinal(GenerationResult result) {
        onEnd.run();
        String finishReason = OpenAiJson.finishReason(result.finishReason());
        List<OpenAiJson.ToolCall> calls = null;
        if (tools != null) {
            for (Object chunk : tools.lastChunks(result, false)) {
                sendText(chunk);
                OpenAiJson.ChunkChoice choice = choice(chunk);
                if (choice != null && choice.delta() != null && choice.delta().toolCalls() != null) {
                    calls = choice.delta().toolCalls();
                }
                if (choice != null && choice.finishReason() != null) {
                    finishReason = choice.finishReason();
                }
            }
        }
        send.accept(new WsFrames.Done(id, finishReason, OpenAiJson.Usage.of(result), OpenAiJson.Timings.of(result),
                calls));
    }

    /** A delta frame for the text of a chat chunk, if it has any. */
    private void sendText(Object chunk) {
        OpenAiJson.ChunkChoice choice = choice(chunk);
        if (choice != null && choice.delta() != null && choice.delta().content() != null
                && !choice.delta().content().isEmpty()) {
            send.accept(new WsFrames.Delta(id, choice.delta().content()));
        }
    }

    private static OpenAiJson.ChunkChoice choice(Object chunk) {
        return chunk instanceof OpenAiJson.ChatChunk chat && !chat.choices().isEmpty() ? chat.choices().get(0) : null;
    }

    @Override
    public void onError(BackendFailure failure, boolean afterFirstChunk) {
        onEnd.run();
        send.accept(new WsFrames.Error(id, ErrorMapping.of(failure).body().error()));
    }

    /** The done frame sent when the client stopped this answer (prompt tokens are not known then). */
    WsFrames.Done cancelledFrame() {
        int tokens = completionTokens;
        return new WsFrames.Done(id, "cancelled", OpenAiJson.Usage.completionOnly(tokens), null, null);
    }
}
