package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions with Python semantics: literals, operators, str() of values, attribute and item access, slicing. */
class ExpressionsTest {

    @Test
    void valuesRenderAsPythonStr() {
        assertEquals("None|True|False|1|1.5|1.0|-0.0|1e+16|1e-05|0.30000000000000004|inf",
                render("{{ none }}|{{ true }}|{{ False }}|{{ 1 }}|{{ 1.5 }}|{{ 1.0 }}|{{ -0.0 }}|{{ 1e16 }}|{{ 1e-5 }}"
                        + "|{{ 0.1 + 0.2 }}|{{ x }}", "x", Double.POSITIVE_INFINITY));
        assertEquals("[1, 'a', None, True, 2.5] {'k': [1, (2, 3)], 'q': \"it's\"} (1,) ()",
                render("{{ [1, 'a', none, true, 2.5] }} {{ {'k': [1, (2, 3)], 'q': \"it's\"} }} {{ (1,) }} {{ () }}"));
        assertEquals("['tab\\tnl\\n', 'é😀']", render("{{ ['tab\\tnl\\n', 'é😀'] }}"));
    }

    @Test
    void stringLiteralEscapesAndAdjacentLiterals() {
        assertEquals("a\nb\t'\"\\ é😀 \\d", render("{{ 'a\\nb\\t\\'\"\\\\ \\u00e9\\U0001F600 \\d' }}"));
        assertEquals("ab", render("{{ 'a' \"b\" }}"));
    }

    @Test
    void arithmeticFollowsPython() {
        assertEquals("7 -2 1 3.5 -2 3 -1 9.0 64 0.5 1.0", render("{{ 1 + 2 * 3 }} {{ -7 // 4 }} {{ -7 % 4 }} {{ 7 / 2 }} "
                + "{{ 7 // -4 }} {{ 2 % -3 + 4 }} {{ 7 % -4 }} {{ 1 // 0.1 }} {{ 2 ** 3 ** 2 }} {{ 2 ** -1 }} "
                + "{{ true / 1 }}"));
        assertEquals("ababab [1, 1] [1, 2] a1None", render("{{ 'ab' * 3 }} {{ [1] * 2 }} {{ [1] + [2] }} "
                + "{{ 'a' ~ 1 ~ none ~ undefined_name }}"));
    }

    @Test
    void typeErrorsAreRenderErrors() {
        TemplateRenderException e = assertThrows(TemplateRenderException.class, () -> render("{{ 'a' + 1 }}"));
        assertEquals("TypeError: can only concatenate str (not \"int\") to str", e.detail());
        assertThrows(TemplateRenderException.class, () -> render("{{ 1 / 0 }}"));
        assertThrows(TemplateRenderException.class, () -> render("{{ 1 < 'a' }}"));
        assertThrows(TemplateRenderException.class, () -> render("{{ 'abc'() }}"));
    }

    @Test
    void comparisonsMembershipAndLogic() {
        assertEquals("True False True True True True False True True",
                render("{{ 1 < 2 < 3 }} {{ 3 > 2 > 5 }} {{ 1 == 1.0 }} {{ true == 1 }} {{ 'B' < 'a' }} "
                        + "{{ 'é' > 'z' }} {{ [1, 2] > [1, 3] }} {{ 'b' in 'abc' }} {{ 3 not in [1, 2] }}"));
        assertEquals("True False", render("{{ 'a' in {'a': 1} }} {{ none in [] }}"));
        assertEquals("x 0 y True", render("{{ 0 or 'x' }} {{ 0 and 'y' }} {{ 1 and 'y' }} {{ not 0 }}"));
    }

    @Test
    void conditionalExpressions() {
        assertEquals("a|b|", render("{{ 'a' if true else 'b' }}|{{ 'a' if false else 'b' }}|{{ 'a' if false }}"));
    }

    @Test
    void attributeAccessOnDictsFallsBackToItemsAndMethodsWinOverKeys() {
        assertEquals("1|1|c|2", render("{{ d.a }}|{{ d['a'] }}|{{ d.b.c }}|{{ d.items | length if false else 2 }}",
                "d", Templates.map("a", 1, "b", Templates.map("c", "c"), "items", "shadowed")));
        assertEquals("method", render("{{ 'method' if d.items is callable else 'key' }}",
                "d", Templates.map("items", "key")));
        assertEquals("key", render("{{ d['items'] }}", "d", Templates.map("items", "key")));
    }

    @Test
    void indexingAndSlicingCountCodePoints() {
        List<Long> list = Arrays.asList(1L, 2L, 3L, 4L, 5L);
        assertEquals("2 5 [2, 3, 4] [5, 4, 3, 2, 1] [1, 3, 5] [4, 5] [5, 3] []",
                render("{{ l[1] }} {{ l[-1] }} {{ l[1:4] }} {{ l[::-1] }} {{ l[::2] }} {{ l[-2:] }} {{ l[4:1:-2] }} "
                        + "{{ l[9:] }}", "l", list));
        assertEquals("😀 cba😀 4 b", render("{{ s[0] }} {{ s[::-1] }} {{ s | length }} {{ s[-2] }}", "s", "😀abc"));
    }

    @Test
    void outOfRangeItemsAreUndefined() {
        assertEquals("|True", render("{{ l[5] }}|{{ l[5] is undefined }}", "l", List.of(1L)));
    }

    @Test
    void tuplesAndNestedLiterals() {
        assertEquals("(1, 'a') 2 {'x': [1, {'y': None}]}", render("{{ (1, 'a') }} {{ (1, 2)[1] }} {{ {'x': [1, {'y': none}]} }}"));
    }

    @Test
    void percentAndFormatStringFormatting() {
        assertEquals("a-3 003.14|x   | {'k': 1}", render("{{ '%s-%d' % ('a', 3) }} {{ '%06.2f|%-4s|' % (3.14159, 'x') }} "
                + "{{ '%s' % ({'k': 1},) }}"));
        assertEquals("1 x|x 1|    a|3.14", render("{{ '{} {}'.format(1, 'x') }}|{{ '{1} {0}'.format(1, 'x') }}|"
                + "{{ '{:>5}'.format('a') }}|{{ '{:.2f}'.format(3.14159) }}"));
    }

    @Test
    void integersBeyond64BitsFailCleanly() {
        TemplateLimitException e = assertThrows(TemplateLimitException.class, () -> render("{{ 2 ** 64 }}"));
        assertTrue(e.getMessage().contains("64 bits"), e.getMessage());
    }
}
