package dev.llmplatform.gateway.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.openai.OpenAiJson.ChatChunk;
import dev.llmplatform.gateway.openai.OpenAiJson.FunctionCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolCallFormatTest {

    private static final Set<String> TOOLS = Set.of("weather", "clock");
    private static final GenerationResult STOP = new GenerationResult(GenerationResult.FinishReason.STOP, 5, 9, 0,
            new GenerationResult.Timings(1, 1, 1, 0));
    private static final GenerationResult LENGTH = new GenerationResult(GenerationResult.FinishReason.LENGTH, 5, 9, 0,
            new GenerationResult.Timings(1, 1, 1, 0));

    @Test
    void hermesBlocksOfListedFunctionsAreCallsAndTheRestStaysText() {
        HermesToolCalls.Parsed parsed = HermesToolCalls.parse("Let me look.\n<tool_call>\n{\"name\": \"weather\","
                + " \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>{\"name\":\"clock\",\"arguments\":{}}"
                + "</tool_call>", TOOLS);
        assertEquals("Let me look.", parsed.text());
        assertEquals(List.of(new FunctionCall("weather", "{\"city\":\"Paris\"}"), new FunctionCall("clock", "{}")),
                parsed.calls());
        String unlisted = "<tool_call>{\"name\":\"rm\",\"arguments\":{}}</tool_call>";
        assertEquals(new HermesToolCalls.Parsed(unlisted, List.of()), HermesToolCalls.parse(unlisted, TOOLS));
        String broken = "<tool_call>{\"name\":\"weather\",\"arguments\":</tool_call> and <tool_call>unclosed";
        assertEquals(new HermesToolCalls.Parsed(broken, List.of()), HermesToolCalls.parse(broken, TOOLS));
        assertEquals(4, HermesToolCalls.partialOpenAtEnd("text <too"));
        assertEquals(0, HermesToolCalls.partialOpenAtEnd("a < b"));
        assertEquals(1, HermesToolCalls.partialOpenAtEnd("a <"));
    }

    private static ChatFormat chat() {
        return new ChatFormat("chatcmpl-1", 0, "m", "fp_1");
    }

    private static String content(Object chunk) {
        return ((ChatChunk) chunk).choices().get(0).delta().content();
    }

    @Test
    void streamedTextFlowsUntilACallBeginsAndTheCallsComeAtTheEnd() {
        ToolCallFormat format = ToolCallFormat.auto(chat(), TOOLS);
        List<String> sent = new ArrayList<>();
        for (String piece : List.of("Let me check", " <", "tool", "_call>{\"name\":\"weather\",", "\"arguments\":",
                "{\"city\":\"Paris\"}}</tool_call>")) {
            Object chunk = format.deltaChunk(piece);
            if (chunk != null) {
                sent.add(content(chunk));
            }
        }
        assertEquals(List.of("Let me check", " "), sent, "a piece that could open a call is held back");
        List<Object> last = format.lastChunks(STOP, false);
        ChatChunk calls = (ChatChunk) last.get(0);
        assertEquals("weather", calls.choices().get(0).delta().toolCalls().get(0).function().name());
        assertEquals(0, calls.choices().get(0).delta().toolCalls().get(0).index());
        assertEquals("tool_calls", ((ChatChunk) last.get(1)).choices().get(0).finishReason());
    }

    @Test
    void aLessThanSignThatOpensNoCallIsSentWithTheNextPiece() {
        ToolCallFormat format = ToolCallFormat.auto(chat(), TOOLS);
        assertEquals("1 ", content(format.deltaChunk("1 <")));
        assertEquals("< 2", content(format.deltaChunk(" 2")));
        List<Object> last = format.lastChunks(STOP, false);
        assertEquals("stop", ((ChatChunk) last.get(0)).choices().get(0).finishReason());
    }

    @Test
    void aCallCutByMaxTokensIsSentAsText() {
        ToolCallFormat format = ToolCallFormat.auto(chat(), TOOLS);
        assertNull(format.deltaChunk("<tool_call>{\"name\":\"weather\""));
        List<Object> last = format.lastChunks(LENGTH, false);
        assertEquals("<tool_call>{\"name\":\"weather\"", content(last.get(0)));
        assertEquals("length", ((ChatChunk) last.get(1)).choices().get(0).finishReason());
        OpenAiJson.ChatCompletion whole = (OpenAiJson.ChatCompletion) format.whole("Sunny. <tool_call>{\"name\":"
                + "\"clock\",\"arguments\":{}}</tool_call>", STOP);
        assertEquals("Sunny.", whole.choices().get(0).message().content());
        assertEquals("clock", whole.choices().get(0).message().toolCalls().get(0).function().name());
        assertTrue(whole.choices().get(0).message().toolCalls().get(0).id().startsWith("call_"));
        assertEquals("tool_calls", whole.choices().get(0).finishReason());
    }

    @Test
    void aBareJsonAnswerIsHeldWholeAndItsCallsBecomeToolCalls() {
        ToolCallFormat format = ToolCallFormat.auto(chat(), TOOLS);
        assertNull(format.deltaChunk("\n"), "whitespace does not say yet what the answer is");
        assertNull(format.deltaChunk("{\"name\": \"weather\", "));
        assertNull(format.deltaChunk("\"parameters\": {\"city\": \"Paris\"}}"));
        List<Object> last = format.lastChunks(STOP, false);
        assertEquals(new FunctionCall("weather", "{\"city\":\"Paris\"}"),
                ((ChatChunk) last.get(0)).choices().get(0).delta().toolCalls().get(0).function(),
                "Llama 3's parameters are the call's arguments");
        assertEquals("tool_calls", ((ChatChunk) last.get(1)).choices().get(0).finishReason());

        HermesToolCalls.Parsed two = JsonToolCalls.parse("[{\"name\":\"clock\",\"arguments\":{}},"
                + " {\"name\":\"weather\",\"parameters\":{\"city\":\"Oslo\"}}]", TOOLS);
        assertEquals(List.of(new FunctionCall("clock", "{}"), new FunctionCall("weather", "{\"city\":\"Oslo\"}")),
                two.calls());
        for (String text : List.of("{\"answer\": 42}", "[{\"name\":\"clock\",\"arguments\":{}}, 3]",
                "{\"name\":\"rm\",\"parameters\":{}}", "{\"name\":\"clock\",\"parameters\":", "[]")) {
            assertEquals(new HermesToolCalls.Parsed(text, List.of()), JsonToolCalls.parse(text, TOOLS), text);
        }
    }

    @Test
    void mistralsMarkedArrayOfCallsBecomesToolCalls() {
        ToolCallFormat format = ToolCallFormat.auto(chat(), TOOLS);
        assertNull(format.deltaChunk("[TOOL_CALLS]"), "the marker begins like JSON: held");
        assertNull(format.deltaChunk(" [{\"name\": \"weather\", \"arguments\": {\"city\": \"Paris\"}}]"));
        List<Object> last = format.lastChunks(STOP, false);
        assertEquals(new FunctionCall("weather", "{\"city\":\"Paris\"}"),
                ((ChatChunk) last.get(0)).choices().get(0).delta().toolCalls().get(0).function());
        assertEquals("tool_calls", ((ChatChunk) last.get(1)).choices().get(0).finishReason());
        for (String text : List.of("[TOOL_CALLS]", "[TOOL_CALLS] [{\"name\":\"rm\",\"arguments\":{}}]",
                "[TOOL_CALLS]weather[ARGS]{\"city\":\"Paris\"}")) {
            assertEquals(new HermesToolCalls.Parsed(text, List.of()), JsonToolCalls.parse(text, TOOLS),
                    "stays text: " + text);
        }
    }

    @Test
    void jsonThatIsNoCallIsSentAsTextAtTheEndAndProseStreams() {
        ToolCallFormat json = ToolCallFormat.auto(chat(), TOOLS);
        assertNull(json.deltaChunk("{\"answer\": "));
        assertNull(json.deltaChunk("42}"));
        List<Object> last = json.lastChunks(STOP, false);
        assertEquals("{\"answer\": 42}", content(last.get(0)));
        assertEquals("stop", ((ChatChunk) last.get(1)).choices().get(0).finishReason());
        ToolCallFormat prose = ToolCallFormat.auto(chat(), TOOLS);
        assertNull(prose.deltaChunk(" "));
        assertEquals(" It is", content(prose.deltaChunk("It is")));
        assertEquals(" {sunny}", content(prose.deltaChunk(" {sunny}")), "braces later in prose stream");
    }

    @Test
    void aForcedCallIsHeldWholeAndAnsweredAsToolCalls() {
        ToolCallFormat format = ToolCallFormat.forced(chat());
        assertNull(format.deltaChunk("{\"name\": \"weather\", "));
        assertNull(format.deltaChunk("\"arguments\": {\"city\": \"Paris\"}}"));
        List<Object> last = format.lastChunks(STOP, true);
        ChatChunk calls = (ChatChunk) last.get(0);
        assertEquals(new FunctionCall("weather", "{\"city\":\"Paris\"}"),
                calls.choices().get(0).delta().toolCalls().get(0).function());
        assertEquals("tool_calls", ((ChatChunk) last.get(1)).choices().get(0).finishReason());
        assertEquals(3, last.size(), "the usage chunk when asked");
        OpenAiJson.ChatCompletion cut = (OpenAiJson.ChatCompletion) ToolCallFormat.forced(chat())
                .whole("{\"name\": \"weath", LENGTH);
        assertEquals("{\"name\": \"weath", cut.choices().get(0).message().content());
        assertEquals("length", cut.choices().get(0).finishReason());
    }
}
