package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.openai.OpenAiJson.Delta;
import dev.llmplatform.gateway.openai.OpenAiJson.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The answer of a chat with tools, whose calls become {@code message.tool_calls} with
 * {@code finish_reason: "tool_calls"} and whose other text stays {@code content}:
 * <ul>
 *   <li>{@link #forced}: {@code tool_choice} "required" or a named function held generation to the JSON of one call
 *       ({@link ToolChoices}); all of it is held back while streaming;</li>
 *   <li>{@link #auto}: {@code tool_choice} "auto"; the calls the model writes in the Hermes format
 *       ({@link HermesToolCalls}) are found in its text, which streams as it comes until a call begins (a piece that
 *       could start one is held back until the next says), and everything from the first call on is held; an answer
 *       that begins with JSON (an object or an array) is held whole and read as bare JSON calls
 *       ({@link JsonToolCalls}, the Llama 3 templates' format, and Mistral's array after {@code [TOOL_CALLS]}).</li>
 * </ul>
 * Held calls are sent in one {@code delta.tool_calls} when the generation ends. An answer that ended before its calls
 * were complete (max_tokens) is sent as the text it is, with its own finish reason.
 */
final class ToolCallFormat implements AnswerFormat {

    private final ChatFormat chat;
    private final Function<String, HermesToolCalls.Parsed> parser;
    private final boolean jsonCalls;
    private final StringBuilder pending = new StringBuilder();
    private boolean started;
    private boolean holding;

    private ToolCallFormat(ChatFormat chat, Function<String, HermesToolCalls.Parsed> parser, boolean holding,
            boolean jsonCalls) {
        this.chat = chat;
        this.parser = parser;
        this.holding = holding;
        this.jsonCalls = jsonCalls;
    }

    /** The answer of a forced call: the whole text is the call's JSON. */
    static ToolCallFormat forced(ChatFormat chat) {
        return new ToolCallFormat(chat, text -> HermesToolCalls.call(text, name -> true)
                .map(call -> new HermesToolCalls.Parsed("", List.of(call)))
                .orElseGet(() -> new HermesToolCalls.Parsed(text, List.of())), true, false);
    }

    /** The answer of a model free to call {@code functions}, in the Hermes format or as bare JSON. */
    static ToolCallFormat auto(ChatFormat chat, Set<String> functions) {
        Set<String> listed = Set.copyOf(functions);
        return new ToolCallFormat(chat, text -> JsonToolCalls.startsLikeCall(text) ? JsonToolCalls.parse(text, listed)
                : HermesToolCalls.parse(text, listed), false, true);
    }

    @Override
    public Object firstChunk() {
        return chat.firstChunk();
    }

    @Override
    public Object deltaChunk(String text) {
        pending.append(text);
        if (jsonCalls && !started) {
            if (pending.toString().isBlank()) {
                return null; // nothing yet says whether the answer is bare JSON
            }
            started = true;
            holding = JsonToolCalls.startsLikeCall(pending);
        }
        if (holding) {
            return null;
        }
        int open = pending.indexOf(HermesToolCalls.OPEN);
        int sendable = open >= 0 ? open : pending.length() - HermesToolCalls.partialOpenAtEnd(pending.toString());
        holding = open >= 0;
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
        HermesToolCalls.Parsed parsed = parsed(pending.toString(), result);
        if (!parsed.text().isEmpty()) {
            chunks.add(chat.deltaChunk(parsed.text()));
        }
        if (parsed.calls().isEmpty()) {
            chunks.addAll(chat.lastChunks(result, includeUsage));
            return chunks;
        }
        chunks.add(chat.chunk(new Delta(null, null, toolCalls(parsed, true)), null));
        chunks.addAll(chat.lastChunks(result, "tool_calls", includeUsage));
        return chunks;
    }

    @Override
    public Object whole(String text, GenerationResult result) {
        HermesToolCalls.Parsed parsed = parsed(text, result);
        if (parsed.calls().isEmpty()) {
            return chat.whole(text, result);
        }
        return chat.whole(new OpenAiJson.Message("assistant", parsed.text().isEmpty() ? null : parsed.text(),
                toolCalls(parsed, false)), "tool_calls", result);
    }

    /** The calls and text of an answer; no calls unless the generation ended by itself. */
    private HermesToolCalls.Parsed parsed(String text, GenerationResult result) {
        return result.finishReason() == GenerationResult.FinishReason.STOP ? parser.apply(text)
                : new HermesToolCalls.Parsed(text, List.of());
    }

    private static List<ToolCall> toolCalls(HermesToolCalls.Parsed parsed, boolean streamed) {
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < parsed.calls().size(); i++) {
            calls.add(new ToolCall(streamed ? i : null, HermesToolCalls.callId(), "function", parsed.calls().get(i)));
        }
        return calls;
    }
}
