package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.openai.OpenAiJson.Delta;
import dev.llmplatform.gateway.openai.OpenAiJson.FunctionCall;
import dev.llmplatform.gateway.openai.OpenAiJson.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer of a chat whose {@code tool_choice} forces a call ({@code "required"} or a named function): generation
 * was held to the JSON of one call, {@code {"name": ..., "arguments": {...}}} ({@link ToolChoices}), which this format
 * turns into {@code message.tool_calls} with {@code finish_reason: "tool_calls"}. Streamed, the call is held back and
 * sent whole in one {@code delta.tool_calls} when the generation ends. An answer that ended before the call was
 * complete (max_tokens) is sent as the text it is, with its own finish reason.
 */
final class ToolCallFormat implements AnswerFormat {

    private final ChatFormat chat;
    private final String callId = HermesToolCalls.callId();
    private final StringBuilder held = new StringBuilder();

    ToolCallFormat(ChatFormat chat) {
        this.chat = chat;
    }

    @Override
    public Object firstChunk() {
        return chat.firstChunk();
    }

    @Override
    public Object deltaChunk(String text) {
        held.append(text);
        return null;
    }

    @Override
    public List<Object> lastChunks(GenerationResult result, boolean includeUsage) {
        Optional<FunctionCall> call = call(held.toString(), result);
        List<Object> chunks = new ArrayList<>();
        if (call.isEmpty()) {
            if (!held.isEmpty()) {
                chunks.add(chat.deltaChunk(held.toString()));
            }
            chunks.addAll(chat.lastChunks(result, includeUsage));
            return chunks;
        }
        chunks.add(chat.chunk(new Delta(null, null, List.of(new ToolCall(0, callId, "function", call.get()))), null));
        chunks.addAll(chat.lastChunks(result, "tool_calls", includeUsage));
        return chunks;
    }

    @Override
    public Object whole(String text, GenerationResult result) {
        return call(text, result)
                .map(c -> chat.whole(new OpenAiJson.Message("assistant", null,
                        List.of(new ToolCall(null, callId, "function", c))), "tool_calls", result))
                .orElseGet(() -> chat.whole(text, result));
    }

    /** The call the text makes, when the generation ended by itself with a complete one. */
    static Optional<FunctionCall> call(String text, GenerationResult result) {
        return result.finishReason() == GenerationResult.FinishReason.STOP
                ? HermesToolCalls.call(text, name -> true) : Optional.empty();
    }
}
