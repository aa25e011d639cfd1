package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.openai.OpenAiJson.Delta;
import dev.llmplatform.gateway.openai.OpenAiJson.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answer of a chat that offers tools and leaves the choice to the model ({@code tool_choice} "auto"): the tool
 * calls the model writes in the Hermes format ({@link HermesToolCalls}) become {@code tool_calls} with
 * {@code finish_reason: "tool_calls"}, and the text around them stays {@code content}. Streamed, text is sent as it
 * comes until a call begins (a piece that could start one is held back until the next says), and everything from
 * the first call on is held and sent when the generation ends. Calls in other formats come back as text.
 */
final class AutoToolCallFormat implements AnswerFormat {

    private final ChatFormat chat;
    private final Set<String> functions;
    private final StringBuilder pending = new StringBuilder();
    private boolean inCalls;

    AutoToolCallFormat(ChatFormat chat, Set<String> functions) {
        this.chat = chat;
        this.functions = Set.copyOf(functions);
    }

    @Override
    public Object firstChunk() {
        return chat.firstChunk();
    }

    @Override
    public Object deltaChunk(String text) {
        pending.append(text);
        if (inCalls) {
            return null;
        }
        int open = pending.indexOf(HermesToolCalls.OPEN);
        int sendable = open >= 0 ? open : pending.length() - HermesToolCalls.partialOpenAtEnd(pending.toString());
        inCalls = open >= 0;
        if (sendable == 0) {
            return null;
        }
        String out = pending.substring(0, sendable);
        pending.delete(0, sendable);
        return chat.deltaChunk(out);
    }

    @Override
    public List<Object> lastChunks(GenerationResult result, boolean includeUsage) {
        List<Object> chunks = new ArrayList<>();
        HermesToolCalls.Parsed parsed = HermesToolCalls.parse(pending.toString(), functions);
        if (parsed.calls().isEmpty() || result.finishReason() != GenerationResult.FinishReason.STOP) {
            if (!pending.isEmpty()) {
                chunks.add(chat.deltaChunk(pending.toString()));
            }
            chunks.addAll(chat.lastChunks(result, includeUsage));
            return chunks;
        }
        if (!parsed.text().isEmpty()) {
            chunks.add(chat.deltaChunk(parsed.text()));
        }
        chunks.add(chat.chunk(new Delta(null, null, toolCalls(parsed, true)), null));
        chunks.addAll(chat.lastChunks(result, "tool_calls", includeUsage));
        return chunks;
    }

    @Override
    public Object whole(String text, GenerationResult result) {
        HermesToolCalls.Parsed parsed = HermesToolCalls.parse(text, functions);
        if (parsed.calls().isEmpty() || result.finishReason() != GenerationResult.FinishReason.STOP) {
            return chat.whole(text, result);
        }
        return chat.whole(new OpenAiJson.Message("assistant", parsed.text().isEmpty() ? null : parsed.text(),
                toolCalls(parsed, false)), "tool_calls", result);
    }

    private static List<ToolCall> toolCalls(HermesToolCalls.Parsed parsed, boolean streamed) {
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < parsed.calls().size(); i++) {
            calls.add(new ToolCall(streamed ? i : null, HermesToolCalls.callId(), "function", parsed.calls().get(i)));
        }
        return calls;
    }
}
