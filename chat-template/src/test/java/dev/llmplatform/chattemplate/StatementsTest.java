package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Statements: if, for (loop variables, else, filters, unpacking, break/continue), set, namespace, macros. */
class StatementsTest {

    @Test
    void ifElifElse() {
        String t = "{% if x > 2 %}big{% elif x > 0 %}small{% else %}none{% endif %}";
        assertEquals("big", render(t, "x", 3));
        assertEquals("small", render(t, "x", 1));
        assertEquals("none", render(t, "x", 0));
    }

    @Test
    void loopVariables() {
        assertEquals("1 0 3 2 True False 3 None b|2 1 2 1 False False 3 a c|3 2 1 0 False True 3 b None|",
                render("{% for x in ['a', 'b', 'c'] %}{{ loop.index }} {{ loop.index0 }} {{ loop.revindex }} "
                        + "{{ loop.revindex0 }} {{ loop.first }} {{ loop.last }} {{ loop.length }} "
                        + "{{ loop.previtem if loop.previtem is defined else None }} "
                        + "{{ loop.nextitem if loop.nextitem is defined else None }}|{% endfor %}"));
        assertEquals("odd even odd ", render("{% for i in range(3) %}{{ loop.cycle('odd', 'even') }} {% endfor %}"));
    }

    @Test
    void innerLoopShadowsOuterLoopVariable() {
        assertEquals("1.1 1.2 2.1 2.2 ", render("{% for i in [1, 2] %}{% set outer = loop %}{% for j in [1, 2] %}"
                + "{{ outer.index }}.{{ loop.index }} {% endfor %}{% endfor %}"));
    }

    @Test
    void loopFilterElseBreakAndContinue() {
        assertEquals("2/2:4 ", render("{% for x in [1, 2, 3, 4] if x is even %}{% if loop.first %}"
                + "{% continue %}{% endif %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% endfor %}"));
        assertEquals("empty", render("{% for x in [] %}x{% else %}empty{% endfor %}"));
        assertEquals("empty", render("{% for x in [1, 3] if x is even %}x{% else %}empty{% endfor %}"));
        assertEquals("012", render("{% for i in range(10) %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}"));
    }

    @Test
    void tupleUnpackingOverItemsAndNestedLists() {
        assertEquals("a=1;", render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
                "d", Map.of("a", 1L)));
        assertEquals("a=1;b=2;", render("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}"));
        assertEquals("123", render("{% for a, (b, c) in [(1, [2, 3])] %}{{ a }}{{ b }}{{ c }}{% endfor %}"));
        assertEquals("12", render("{% set a, b = 1, 2 %}{{ a }}{{ b }}"));
    }

    @Test
    void iteratingADictGivesItsKeysInOrder() {
        assertEquals("zya", render("{% for k in d %}{{ k }}{% endfor %}",
                "d", Templates.map("z", 1, "y", 2, "a", 3)));
    }

    @Test
    void setInsideALoopDoesNotLeakButSetInsideIfDoes() {
        assertEquals("0 1 0 2 | 0", render("{% set x = 0 %}{% for i in [1, 2] %}{{ x }} {% set x = i %}{{ x }} "
                + "{% endfor %}| {{ x }}"));
        assertEquals("5", render("{% if true %}{% set y = 5 %}{% endif %}{{ y }}"));
    }

    @Test
    void namespaceCarriesValuesOutOfLoops() {
        assertEquals("True [1, 2] 2", render("{% set ns = namespace(found=false, items=[]) %}"
                + "{% for i in [1, 2] %}{% set ns.found = true %}{% set ns.items = ns.items + [i] %}{% endfor %}"
                + "{{ ns.found }} {{ ns.items }} {{ ns['items'] | length }}"));
        assertEquals("<Namespace {'a': 1}>", render("{{ namespace(a=1) }}"));
    }

    @Test
    void assigningAnAttributeOfSomethingOtherThanANamespaceFails() {
        TemplateRenderException e = assertThrows(TemplateRenderException.class,
                () -> render("{% set x = {} %}{% set x.y = 1 %}"));
        assertTrue(e.getMessage().contains("non-namespace"), e.getMessage());
    }

    @Test
    void blockSetCapturesRenderedText() {
        assertEquals("[ 2 ]", render("{% set x %} {{ 1 + 1 }} {% endset %}[{{ x }}]"));
        assertEquals("ABC", render("{% set x | upper %}abc{% endset %}{{ x }}"));
    }

    @Test
    void macrosWithDefaultsKeywordsAndRecursion() {
        String m = "{% macro tag(name, value='-', sep=':') %}<{{ name }}{{ sep }}{{ value }}>{% endmacro %}";
        assertEquals("<a:->", render(m + "{{ tag('a') }}"));
        assertEquals("<a=1>", render(m + "{{ tag('a', sep='=', value=1) }}"));
        assertEquals("<a:>", render("{% macro tag(name, value) %}<{{ name }}:{{ value }}>{% endmacro %}{{ tag('a') }}"));
        assertEquals("3 2 1 ", render("{% macro down(n) %}{% if n > 0 %}{{ n }} {{ down(n - 1) }}{% endif %}"
                + "{% endmacro %}{{ down(3) }}"));
    }

    @Test
    void macroArgumentChecksFollowJinja2() {
        String m = "{% macro one(a) %}{{ a }}{% endmacro %}";
        assertThrows(TemplateRenderException.class, () -> render(m + "{{ one(1, 2) }}"));
        assertThrows(TemplateRenderException.class, () -> render(m + "{{ one(b=2) }}"));
        assertEquals("(2, 3) {'k': 4}", render("{% macro any(a) %}{{ varargs }} {{ kwargs }}{% endmacro %}"
                + "{{ any(1, 2, 3, k=4) }}"));
    }

    @Test
    void macrosSeeTheCurrentValuesOfTheirDefiningScope() {
        assertEquals("2", render("{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}"));
    }

    @Test
    void callBlocksPassACaller() {
        assertEquals("<b>inside</b>", render("{% macro bold() %}<b>{{ caller() }}</b>{% endmacro %}"
                + "{% call bold() %}inside{% endcall %}"));
        assertEquals("[n=5]", render("{% macro wrap() %}[{{ caller(5) }}]{% endmacro %}"
                + "{% call(n) wrap() %}n={{ n }}{% endcall %}"));
    }

    @Test
    void filterBlocksWithAndGeneration() {
        assertEquals("HELLO W", render("{% filter upper %}hello {{ 'w' }}{% endfilter %}"));
        assertEquals("3|", render("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}|{{ a }}"));
        assertEquals("gen 1", render("{% generation %}gen {{ 1 }}{% endgeneration %}"));
    }

    @Test
    void messagesAreReadLikeTransformersPassesThem() {
        List<Map<String, Object>> messages = List.of(Map.of("role", "system", "content", "S"),
                Map.of("role", "user", "content", "U"));
        assertEquals("S|user:U|1", render("{% if messages[0]['role'] == 'system' %}{% set sys = messages[0].content %}"
                + "{% set messages = messages[1:] %}{% endif %}{{ sys }}|{% for m in messages %}{{ m.role }}:"
                + "{{ m['content'] }}{% endfor %}|{{ messages | length }}", "messages", messages));
    }
}
