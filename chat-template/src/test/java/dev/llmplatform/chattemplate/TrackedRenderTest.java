package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How {@link ChatTemplate#renderTracked} follows request text through the language. Results are written with the
 * request-owned runs in «guillemets»; {@code c}, {@code d} and {@code n} are request (extra) variables.
 */
class TrackedRenderTest {

    /** Renders {@code source} tracked with the extra variables c, d, n and checks the text against a plain render. */
    private static String marked(String source, Object c) {
        return marked(source, c, "<|x|>", 3L);
    }

    private static String marked(String source, Object c, Object d, Object n) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("c", c);
        extra.put("d", d);
        extra.put("n", n);
        ChatTemplateInput input = ChatTemplateInput.of(List.of(map("role", "user", "content", "hi")), true, "<s>",
                "</s>").withExtra(extra);
        ChatTemplate template = ChatTemplate.compile(source, Templates.OPTIONS);
        RenderedPrompt tracked = template.renderTracked(input);
        assertEquals(template.render(input), tracked.text(), "tracked text differs from the plain render");
        return bracket(tracked);
    }

    static String bracket(RenderedPrompt prompt) {
        StringBuilder out = new StringBuilder();
        for (RenderedPrompt.Segment s : prompt.segments()) {
            String text = prompt.text().substring(s.start(), s.end());
            out.append(s.fromRequest() ? "«" + text + "»" : text);
        }
        return out.toString();
    }

    @Test
    void printedValuesAndConcatenationKeepEachPiece() {
        assertEquals("<|a|>«hello»<|b|>", marked("<|a|>{{ c }}<|b|>", "hello"));
        assertEquals("<|a|>«hello»\n<|b|>", marked("{{ '<|a|>' + c + '\\n' + '<|b|>' }}", "hello"));
        assertEquals("<|a|>«hello»<|b|>«3»", marked("{{ '<|a|>' ~ c ~ '<|b|>' ~ n }}", "hello"));
        assertEquals("<s>«user»</s>", marked("{{ bos_token + messages[0].role + eos_token }}", ""));
        assertEquals("<|a|><|a|>«hihi»", marked("{{ '<|a|>' * 2 }}{{ c * 2 }}", "hi"));
    }

    @Test
    void specialTokenTextInRequestDataStaysRequestOwned() {
        assertEquals("<|im_start|>«<|im_end|>»<|im_end|>",
                marked("<|im_start|>{{ c }}<|im_end|>", "<|im_end|>"));
        assertEquals("<|x|>«<|x|>»", marked("{{ '<|x|>' }}{{ d }}", ""));
        // A request string that is the very same Java object as bos_token is still request data.
        String bos = "<s>";
        ChatTemplateInput input = ChatTemplateInput.of(List.of(map("role", "user", "content", bos)), true, bos,
                "</s>");
        RenderedPrompt tracked = ChatTemplate.compile("{{ bos_token }}{{ messages[0].content }}").renderTracked(input);
        assertEquals("<s>«<s>»", bracket(tracked));
    }

    @Test
    void slicingAndIndexingKeepTheExactCharacters() {
        assertEquals("«ell»", marked("{{ c[1:4] }}", "hello"));
        assertEquals("«olleh»", marked("{{ c[::-1] }}", "hello"));
        assertEquals("«o»", marked("{{ c[-1] }}", "hello"));
        assertEquals("<|a|>«he»", marked("{{ ('<|a|>' ~ c)[:7] }}", "hello"));
        assertEquals("|«ho»", marked("{{ ('<|a|>' ~ c)[1::4] }}", "hello"));
        assertEquals("«😀b»", marked("{{ c[1:] }}", "a😀b"));
    }

    @Test
    void stripKeepsTheCharactersItKeeps() {
        assertEquals("<|a|>«padded»<|b|>", marked("{{ '<|a|>' + c | trim + '<|b|>' }}", "  padded \n"));
        assertEquals("«padded \n»", marked("{{ c.lstrip() }}", "  padded \n"));
        assertEquals("«  padded»", marked("{{ c.rstrip() }}", "  padded \n"));
        assertEquals("«pad»", marked("{{ c.strip('x') }}", "xxpadx"));
        assertEquals("<|a|>«x»", marked("{{ ('  <|a|>' ~ c ~ '  ').strip() }}", "x"));
        assertEquals("<|a|>«xx»", marked("{{ ('<|a|>' ~ c ~ '||') | trim('|') }}", "xx"));
    }

    @Test
    void splitPartsKeepTheirMarks() {
        assertEquals("«answer»", marked("{{ c.split('</think>')[-1] }}", "<think>why</think>answer"));
        assertEquals("«<think>why»", marked("{{ c.split('</think>')[0] }}", "<think>why</think>answer"));
        assertEquals("<|a|>«b»|«c»", marked("{{ ('<|a|>' ~ c).split(',') | join('|') }}", "b,c"));
        assertEquals("<|a|>«b»", marked("{{ ('<|a|> ' ~ c).split()[0] }}{{ ('<|a|> ' ~ c).split()[1] }}", "b"));
        assertEquals("«a,b»/«c»", marked("{{ c.rsplit(',', 1) | join('/') }}", "a,b,c"));
        assertEquals("«x»", marked("{{ c.split('--')[1] }}", "a--x"));
        assertEquals("«  a»/«b»", marked("{{ c.rsplit(None, 1) | join('/') }}", "  a b "));
    }

    @Test
    void joinKeepsItemsAndSeparators() {
        assertEquals("«a»<|sep|>«b»", marked("{{ c.split(',') | join('<|sep|>') }}", "a,b"));
        assertEquals("«a»<|sep|>«b»", marked("{{ '<|sep|>'.join(c.split(',')) }}", "a,b"));
        assertEquals("«user»<|sep|>«3»", marked("{{ [messages[0].role, n] | join('<|sep|>') }}", ""));
        assertEquals("«user»", marked("{{ messages | map(attribute='role') | join(',') }}", ""));
        assertEquals("«user»", marked("{{ messages | join(',', attribute='role') }}", ""));
        assertEquals("«ab»", marked("{{ c.split(',') | select | join }}", "a,b"));
    }

    @Test
    void blocksMacrosAndVariablesCarryTheMarks() {
        assertEquals("<|a|>«x»<|b|>", marked(
                "{% macro turn(t) %}<|a|>{{ t }}<|b|>{% endmacro %}{{ turn(c) }}", "x"));
        assertEquals("<|a|>«x»", marked("{% set s %}<|a|>{{ c }}{% endset %}{{ s }}", "x"));
        assertEquals("<|a|>«x»<|a|>«x»", marked(
                "{% set ns = namespace(p='') %}{% for i in range(2) %}{% set ns.p = ns.p ~ '<|a|>' ~ c %}"
                        + "{% endfor %}{{ ns.p }}", "x"));
        assertEquals("<|A|>«X»", marked("{% filter upper %}<|a|>{% endfilter %}{{ c | upper }}", "x"));
        assertEquals("[«x»][«y»]", marked("{% for ch in c %}[{{ ch }}]{% endfor %}", "xy"));
        assertEquals("<|a|>«x»", marked(
                "{% macro m() %}<|a|>{{ caller() }}{% endmacro %}{% call m() %}{{ c }}{% endcall %}", "x"));
        assertEquals("«x<|sep|>y»", marked("{% set j = joiner(d) %}{% for ch in c %}{{ j() }}{{ ch }}{% endfor %}",
                "xy", "<|sep|>", 3L));
    }

    @Test
    void otherOperationsOnRequestDataMarkTheirWholeResult() {
        assertEquals("«<|A|>X»", marked("{{ ('<|a|>' ~ c) | upper }}", "x"));
        assertEquals("«<|a|>y»", marked("{{ ('<|a|>' ~ c).replace('x', 'y') }}", "x"));
        assertEquals("«<|a|>x»", marked("{{ '<|a|>{}'.format(c) }}", "x"));
        assertEquals("«<|a|>x»", marked("{{ '<|a|>%s' % c }}", "x"));
        assertEquals("«{\"k\": \"x\"}»", marked("{{ {'k': c} | tojson }}", "x"));
        assertEquals("«['x']»", marked("{{ [c] }}", "x"));
        assertEquals("«3TrueNone»", marked("{{ n }}{{ n > 1 }}{{ none }}", "x"));
    }

    @Test
    void templateOnlyComputationsStayTemplateText() {
        assertEquals("<|A|>{\"k\": \"<|b|>\"}['<|c|>']", marked("{{ '<|a|>' | upper }}{{ {'k': '<|b|>'} | tojson }}"
                + "{{ ['<|c|>'] }}", "x"));
        assertEquals("<|a|>,<|b|>", marked("{{ '<|a|>,<|b|>'.split(',') | join(',') }}", "x"));
        assertEquals("<|user|>", marked("{{ {'user': '<|user|>'}[messages[0].role] }}", "x"));
        assertEquals("<|x|>«None»", marked("{{ missing | default('<|x|>') }}{{ c | default('<|y|>') }}", null));
        assertEquals("2026-01-15", marked("{{ strftime_now('%Y-%m-%d') }}", "x"));
        assertEquals("<|a|>", marked("{{ '<|a|>'.strip() }}{{ ''.join([]) }}", "x"));
    }

    @Test
    void toolsAndToolCallsAreRequestData() {
        String source = "{% for t in tools %}<tools>{{ t | tojson }}</tools>{% endfor %}"
                + "{% for m in messages %}{% for call in m.tool_calls %}<call>{{ call.function.name }}:"
                + "{{ call.function.arguments | tojson }}</call>{% endfor %}{% endfor %}";
        List<Map<String, Object>> messages = List.of(map("role", "assistant", "content", null, "tool_calls",
                List.of(map("type", "function", "function", map("name", "f", "arguments", map("a", 1L))))));
        ChatTemplateInput input = ChatTemplateInput.of(messages, true, null, null)
                .withTools(List.of(map("type", "function", "function", map("name", "f"))));
        RenderedPrompt tracked = ChatTemplate.compile(source).renderTracked(input);
        assertEquals("<tools>«{\"type\": \"function\", \"function\": {\"name\": \"f\"}}»</tools>"
                + "<call>«f»:«{\"a\": 1}»</call>", bracket(tracked));
    }

    @Test
    void renderedPromptChecksAndCopiesItsBits() {
        BitSet bits = new BitSet();
        bits.set(1);
        RenderedPrompt prompt = new RenderedPrompt("abc", bits);
        bits.set(2);
        assertFalse(prompt.isFromRequest(2));
        prompt.fromRequest().set(0);
        assertFalse(prompt.isFromRequest(0));
        assertTrue(prompt.anyFromRequest(0, 2));
        assertFalse(prompt.anyFromRequest(2, 3));
        assertEquals(List.of(new RenderedPrompt.Segment(0, 1, false), new RenderedPrompt.Segment(1, 2, true),
                new RenderedPrompt.Segment(2, 3, false)), prompt.segments());
        BitSet tooLong = new BitSet();
        tooLong.set(3);
        assertThrows(IllegalArgumentException.class, () -> new RenderedPrompt("abc", tooLong));
    }

    @Test
    void errorsAreTheSameAsInPlainRenders() {
        ChatTemplate template = ChatTemplate.compile("{{ raise_exception('no: ' ~ messages[0].content) }}");
        ChatTemplateInput input = ChatTemplateInput.of(List.of(map("role", "user", "content", "x")), true, null,
                null);
        assertEquals("no: x", assertThrows(TemplateRaisedException.class, () -> template.renderTracked(input))
                .getMessage());
        assertThrows(TemplateRenderException.class,
                () -> ChatTemplate.compile("{{ messages.x.y }}").renderTracked(input));
    }
}
