package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Undefined values behave like jinja2's default {@code Undefined}. */
class UndefinedTest {

    @Test
    void undefinedIsFalsyEmptyAndNotDefined() {
        assertEquals("[]|False|True|no|0|", render("[{{ nope }}]|{{ nope is defined }}|{{ nope is undefined }}|"
                + "{{ 'yes' if nope else 'no' }}|{{ nope | length }}|{% for x in nope %}x{% endfor %}"));
        assertEquals("True|x|ab", render("{{ not nope }}|{{ nope ~ 'x' }}|{{ nope | default('a') }}b"));
    }

    @Test
    void missingKeysAndAttributesOfDefinedValuesAreUndefined() {
        assertEquals("|False|False|", render("{{ m.nope }}|{{ m.nope is defined }}|{{ m['nope'] is defined }}|"
                + "{{ [1][3] }}", "m", Map.of("role", "user")));
        assertEquals("False", render("{{ m.tool_calls is defined }}", "m", Map.of("role", "user")));
    }

    @Test
    void attributeOrItemOfAnUndefinedRaisesAsInJinja2() {
        TemplateRenderException attr = assertThrows(TemplateRenderException.class, () -> render("{{ nope.bar }}"));
        assertEquals("UndefinedError: 'nope' is undefined", attr.detail());
        TemplateRenderException nested = assertThrows(TemplateRenderException.class,
                () -> render("{{ m.nope.deeper }}", "m", Map.of()));
        assertEquals("UndefinedError: 'dict object' has no attribute 'nope'", nested.detail());
        assertThrows(TemplateRenderException.class, () -> render("{{ nope['x'] }}"));
    }

    @Test
    void callingArithmeticAndOrderingOfUndefinedRaise() {
        assertThrows(TemplateRenderException.class, () -> render("{{ nope() }}"));
        assertThrows(TemplateRenderException.class, () -> render("{{ nope + 1 }}"));
        assertThrows(TemplateRenderException.class, () -> render("{{ nope < 1 }}"));
        assertThrows(TemplateRenderException.class, () -> render("{{ nope | int }}"));
    }

    @Test
    void undefinedComparesEqualOnlyToUndefined() {
        assertEquals("True False False", render("{{ a == b }} {{ a == none }} {{ a == '' }}"));
    }

    @Test
    void noneIsNotUndefined() {
        assertEquals("None|True|False", render("{{ x }}|{{ x is defined }}|{{ x is undefined }}",
                "x", Templates.map("k", null).get("k")));
    }
}
