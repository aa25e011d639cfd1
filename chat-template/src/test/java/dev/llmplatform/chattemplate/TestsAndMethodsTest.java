package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** jinja2's tests ({@code is ...}) and the Python str/dict/list methods templates call. */
class TestsAndMethodsTest {

    @Test
    void typeTests() {
        assertEquals("True True True True False True False True True True",
                render("{{ 'a' is string }} {{ 1 is number }} {{ true is number }} {{ 1 is integer }} "
                        + "{{ true is integer }} {{ 1.5 is float }} {{ 1 is float }} {{ none is none }} "
                        + "{{ false is boolean }} {{ {} is mapping }}"));
        assertEquals("True True True False True True False True False",
                render("{{ [] is sequence }} {{ 'a' is sequence }} {{ {} is sequence }} {{ 1 is sequence }} "
                        + "{{ 'a' is iterable }} {{ {} is iterable }} {{ none is iterable }} {{ range is callable }} "
                        + "{{ 'a' is callable }}"));
    }

    @Test
    void valueTests() {
        assertEquals("True True True False True True True True False True True False",
                render("{{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(2) }} "
                        + "{{ 'ab' is lower }} {{ 'AB' is upper }} {{ 1 is equalto 1 }} {{ 1 is eq 1.0 }} "
                        + "{{ 'a' is eq 'b' }} {{ 2 is in [1, 2] }} {{ true is true }} {{ 1 is true }}"));
        assertEquals("True False True", render("{{ 1 is not none }} {{ none is not none }} {{ 1 is not string }}"));
    }

    @Test
    void testsNotInJinja2AreSyntaxErrorsAsInTransformers() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> ChatTemplate.compile("{{ x is startingwith 'a' }}"));
        assertEquals("No test named 'startingwith'.", e.detail());
    }

    @Test
    void stringMethods() {
        assertEquals("x|yx|xy|True True|2 -1|A-B|['a', 'b', '', 'c']|['a', 'b c']|['a b', 'c']|['a', 'b']",
                render("{{ '  x '.strip() }}|{{ 'xyx'.lstrip('x') }}|{{ 'xyx'.rstrip('x') }}|"
                        + "{{ 'abc'.startswith('a') }} {{ 'abc'.endswith(('x', 'c')) }}|{{ 'abc'.find('c') }} "
                        + "{{ 'abc'.find('z') }}|{{ 'a-b'.upper() }}|{{ 'a,b,,c'.split(',') }}|"
                        + "{{ 'a b c'.split(' ', 1) }}|{{ 'a b c'.rsplit(' ', 1) }}|{{ '  a \\n b '.split() }}"));
        assertEquals("Hello World|Hello world|a+b|a, b|2|['l1', 'l2']|They'Re",
                render("{{ 'hello world'.title() }}|{{ 'hELLO WORLD'.capitalize() }}|{{ 'a b'.replace(' ', '+') }}|"
                        + "{{ ', '.join(['a', 'b']) }}|{{ 'abab'.count('a') }}|{{ 'l1\\nl2'.splitlines() }}|"
                        + "{{ \"they're\".title() }}"));
    }

    @Test
    void dictAndListMethods() {
        assertEquals("1|None|2|['a', 'b']|[1, 2]|[('a', 1), ('b', 2)]|1|1",
                render("{{ d.get('a') }}|{{ d.get('z') }}|{{ d.get('z', 2) }}|{{ d.keys() | list }}|"
                        + "{{ d.values() | list }}|{{ d.items() | list }}|{{ [1, 2].index(2) }}|{{ [1, 1, 2].count(2) }}",
                        "d", Templates.map("a", 1, "b", 2)));
    }

    @Test
    void methodsThatModifyValuesAreBlockedAsInTheImmutableSandbox() {
        TemplateRenderException append = assertThrows(TemplateRenderException.class,
                () -> render("{% set l = [1] %}{{ l.append(2) }}"));
        assertEquals("SecurityError: access to attribute 'append' of 'list' object is unsafe.", append.detail());
        assertThrows(TemplateRenderException.class, () -> render("{% set d = {} %}{{ d.update({'a': 1}) }}"));
        assertEquals("|False", render("{{ [1].append }}|{{ {}.pop is defined }}"));
    }
}
