package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Content is data, the template sees only plain values, and runaway templates stop quickly and cleanly. */
class SandboxAndLimitsTest {

    private static final Duration QUICKLY = Duration.ofSeconds(10);
    private static final String PHI3 = "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' "
            + "+ message['content'] + '<|end|>\\n' }}{% endfor %}";

    @Test
    void messageContentIsOutputLiterallyAndNeverEvaluated() {
        String content = "{{ 7 * 7 }} {% if true %}yes{% endif %} {# hidden? #} {{ raise_exception('boom') }}";
        String prompt = ChatTemplate.compile(PHI3).render(ChatTemplateInput.of(
                List.of(Map.of("role", "user", "content", content)), false, null, null));
        assertEquals("<|user|>\n" + content + "<|end|>\n", prompt);
        assertEquals("\"{{ x }}\"", render("{{ c | tojson }}", "c", "{{ x }}"));
        assertEquals("{% raw %}{{ x }}", render("{{ c | trim }}", "c", " {% raw %}{{ x }} "));
    }

    @Test
    void templatesSeeCopiesOfPlainValuesOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> render("{{ x }}", "x", Map.of("thread", Thread.currentThread())));
        assertTrue(e.getMessage().contains("x.thread"), e.getMessage());
        assertEquals("[1, 2] 1.5 c", render("{{ a }} {{ f }} {{ ch }}", "a", new int[] {1, 2}, "f", 1.5f, "ch", 'c'));
    }

    @Test
    void pythonInternalsAreNotReachable() {
        assertEquals("|False", render("{{ ''.__class__ }}|{{ x.__class__ is defined }}", "x", Map.of()));
        TemplateRenderException e = assertThrows(TemplateRenderException.class,
                () -> render("{{ ''.__class__.__mro__ }}"));
        assertTrue(e.detail().startsWith("SecurityError"), e.detail());
    }

    @Test
    void hugeRangeFailsAtOnceLikeTheSandbox() {
        TemplateLimitException e = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(
                TemplateLimitException.class, () -> render("{% for i in range(10**9) %}{{ i }}{% endfor %}")));
        assertEquals("OverflowError: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).",
                e.detail());
    }

    @Test
    void nestedLoopsExhaustTheWorkBudget() {
        TemplateLimitException e = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(
                TemplateLimitException.class, () -> render("{% for i in range(100000) %}{% for j in range(100000) %}"
                        + "{% endfor %}{% endfor %}")));
        assertTrue(e.detail().contains("work limit"), e.detail());
    }

    @Test
    void unboundedMacroRecursionStopsAtTheCallDepthLimit() {
        TemplateLimitException e = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(
                TemplateLimitException.class, () -> render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")));
        assertTrue(e.detail().contains("nested deeper than the limit of 64"), e.detail());
    }

    @Test
    void exponentialMacroRecursionExhaustsTheWorkBudget() {
        assertTimeoutPreemptively(QUICKLY, () -> assertThrows(TemplateLimitException.class,
                () -> render("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
                        + "{{ f(50) }}")));
    }

    @Test
    void outputAndValuesAreCappedInSize() {
        assertTimeoutPreemptively(QUICKLY, () -> {
            assertThrows(TemplateLimitException.class, () -> render("{% for i in range(100000) %}"
                    + "{{ 'x' * 1000 }}{% endfor %}"));
            assertThrows(TemplateLimitException.class, () -> render("{% set ns = namespace(s='x') %}"
                    + "{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"));
            assertThrows(TemplateLimitException.class, () -> render("{{ 'x' * 10**15 }}"));
            assertThrows(TemplateLimitException.class, () -> render("{{ ([1] * 10**7) | length }}"));
        });
        ChatTemplateOptions small = Templates.OPTIONS.withLimits(100, 1_000, 4);
        ChatTemplate template = ChatTemplate.compile("{{ x * n }}", small);
        assertEquals("x".repeat(100), template.render(Map.of("x", "x", "n", 100)));
        assertThrows(TemplateLimitException.class, () -> template.render(Map.of("x", "x", "n", 101)));
    }

    @Test
    void deeplyNestedTemplatesAreRejectedNotOverflowed() {
        String deep = "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}";
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> ChatTemplate.compile(deep));
        assertTrue(e.detail().contains("nested too deeply"), e.detail());
        String blocks = "{% if true %}".repeat(5000) + "{% endif %}".repeat(5000);
        assertThrows(TemplateSyntaxException.class, () -> ChatTemplate.compile(blocks));
    }
}
