package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.map;
import static dev.llmplatform.chattemplate.Templates.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jinja2's builtin filters and transformers' tojson. */
class FiltersTest {

    @Test
    void tojsonIsPythonJsonDumpsWithoutAsciiOrHtmlEscaping() {
        assertEquals("{\"a\": \"é😀<&>'\", \"b\": [1, 2.5, null, true], \"c\": {}}",
                render("{{ x | tojson }}", "x", map("a", "é😀<&>'", "b", java.util.Arrays.asList(1, 2.5, null, true),
                        "c", Map.of())));
        assertEquals("\"line\\nbreak \\\"q\\\" \\\\ \\u0001\"", render("{{ 'line\\nbreak \"q\" \\\\ \\x01' | tojson }}"));
        assertEquals("1.0 1e+20 \"\\u00e9\"", render("{{ 1.0 | tojson }} {{ 1e20 | tojson }} {{ 'é' | tojson(true) }}"));
    }

    @Test
    void tojsonIndentSeparatorsAndSortKeys() {
        Map<String, Object> nested = map("name", "get", "parameters", map("type", "object", "properties",
                map("city", map("type", "string")), "required", List.of("city")), "empty", List.of());
        assertEquals("""
                {
                    "name": "get",
                    "parameters": {
                        "type": "object",
                        "properties": {
                            "city": {
                                "type": "string"
                            }
                        },
                        "required": [
                            "city"
                        ]
                    },
                    "empty": []
                }""", render("{{ x | tojson(indent=4) }}", "x", nested));
        assertEquals("{\"a\":[1,2],\"b\":1}", render("{{ {'b': 1, 'a': [1, 2]} | tojson(separators=(',', ':'), "
                + "sort_keys=true) }}"));
        assertEquals("[\n1,\n\"x\"\n]", render("{{ [1, 'x'] | tojson(indent=0) }}"));
    }

    @Test
    void tojsonOfUndefinedFailsLikePython() {
        assertThrows(TemplateRenderException.class, () -> render("{{ missing | tojson }}"));
    }

    @Test
    void stringFilters() {
        assertEquals("x|hi|Hello World-Wide (X)|Hello|ABC|abc|3|a-bc|a-b-c|b|5",
                render("{{ '  x \\n' | trim }}|{{ 'xxhixx' | trim('x') }}|{{ 'hello world-wide (x)' | title }}|"
                        + "{{ 'hELLO' | capitalize }}|{{ 'abc' | upper }}|{{ 'ABC' | lower }}|{{ 3 | string }}|"
                        + "{{ 'a b c' | replace(' ', '-', 1) | replace(' c', 'c') }}|{{ ['a', 'b', 'c'] | join('-') }}|"
                        + "{{ 'abc' | list | select('equalto', 'b') | first }}|{{ 'a b, c d e' | wordcount }}"));
        assertEquals("&lt;a href=&#34;x&#34;&gt;&amp;&#39;|<b>", render("{{ '<a href=\"x\">&\\'' | escape }}|{{ '<b>' | safe }}"));
        assertEquals("a\n  b\n\n  c|  a\n  b", render("{{ 'a\\nb\\n\\nc' | indent(2) }}|{{ 'a\\nb' | indent(2, true) }}"));
    }

    @Test
    void numericFilters() {
        assertEquals("42 4 0 7 3 3.0 0.0 26 3 2.0 4.0 2.67 3.1 4.0 5",
                render("{{ '42' | int }} {{ '4.7' | int }} {{ 'x' | int }} {{ 'x' | int(7) }} {{ 3.9 | int }} "
                        + "{{ '3' | float }} {{ 'x' | float }} {{ '0x1A' | int(0, 16) }} {{ -3 | abs }} "
                        + "{{ 2.5 | round }} {{ 3.5 | round }} {{ 2.675 | round(2) }} {{ 3.14159 | round(1, 'floor') }} "
                        + "{{ 3.1 | round(0, 'ceil') }} {{ 5 | round }}"));
    }

    @Test
    void defaultAndLength() {
        assertEquals("d|None|d|0|3|2|1", render("{{ missing | default('d') }}|{{ none | default('d') }}|"
                + "{{ '' | d('d', true) }}|{{ missing | length }}|{{ 'abc' | length }}|{{ [1, 2] | count }}|"
                + "{{ {'a': 1} | length }}"));
    }

    @Test
    void sequenceFilters() {
        List<Map<String, Object>> people = List.of(map("name", "b", "age", 30), map("name", "A", "age", 20),
                map("name", "c"));
        assertEquals("['A', 'b', 'c']|['b', 'A', 'c']|[30, 20, 0]|b,A|c|1",
                render("{{ people | map(attribute='name') | sort | list }}|{{ people | map(attribute='name') | list }}|"
                        + "{{ people | map(attribute='age', default=0) | list }}|"
                        + "{{ people | selectattr('age') | map(attribute='name') | join(',') }}|"
                        + "{{ people | rejectattr('age') | map(attribute='name') | join(',') }}|"
                        + "{{ people | selectattr('name', 'equalto', 'A') | list | length }}", "people", people));
        assertEquals("[1, 3]|[2]|[1, 2, 3]|[3, 2, 1]|6|1|3|[[1, 2], [3, 'x']]|1|3",
                render("{{ [1, 2, 3] | select('odd') | list }}|{{ [1, 2, 3] | reject('odd') | list }}|"
                        + "{{ [3, 1, 2] | sort }}|{{ [1, 2, 3] | reverse | list }}|{{ [1, 2, 3] | sum }}|"
                        + "{{ [3, 1, 2] | min }}|{{ [3, 1, 2] | max }}|{{ [1, 2, 3] | batch(2, 'x') | list }}|"
                        + "{{ [1, 2, 3] | first }}|{{ [1, 2, 3] | last }}"));
        assertEquals("['a', 'B']|[('a', 2), ('b', 1)]|[('b', 1), ('a', 2)]|[('x', 1)]",
                render("{{ ['a', 'A', 'B', 'b'] | unique | list }}|{{ {'b': 1, 'a': 2} | dictsort }}|"
                        + "{{ {'b': 1, 'a': 2} | dictsort(by='value') }}|{{ {'x': 1} | items | list }}"));
    }

    @Test
    void filterIteratorsAreOneShotAndAlwaysTruthy() {
        assertEquals("[1]|[]|yes", render("{% set it = [1] | select %}{{ it | list }}|{{ it | list }}|"
                + "{{ 'yes' if [] | select else 'no' }}"));
    }

    @Test
    void unknownAndUnsupportedFiltersAreSyntaxErrors() {
        TemplateSyntaxException unknown = assertThrows(TemplateSyntaxException.class,
                () -> ChatTemplate.compile("{{ x | nosuch }}"));
        assertEquals("No filter named 'nosuch'.", unknown.detail());
        TemplateSyntaxException unsupported = assertThrows(TemplateSyntaxException.class,
                () -> ChatTemplate.compile("\n{{ x | groupby('a') }}"));
        assertEquals(2, unsupported.lineNumber());
        assertEquals("Filter 'groupby' is not supported by this renderer.", unsupported.detail());
    }

    @Test
    void unknownFilterInsideIfFailsOnlyWhenRendered() {
        assertEquals("ok", render("{% if false %}{{ x | nosuch }}{% endif %}ok"));
        assertThrows(TemplateRenderException.class, () -> render("{% if true %}{{ x | nosuch }}{% endif %}"));
    }
}
