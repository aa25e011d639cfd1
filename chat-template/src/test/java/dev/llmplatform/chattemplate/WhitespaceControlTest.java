package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Whitespace handling with trim_blocks and lstrip_blocks, as transformers configures jinja2. */
class WhitespaceControlTest {

    @Test
    void trimBlocksRemovesTheFirstNewlineAfterABlockTag() {
        assertEquals("a\nb\n", render("{% if true %}\na\n{% endif %}\nb\n\n"));
    }

    @Test
    void lstripBlocksRemovesIndentationBeforeBlockTagsButNotBeforePrintTags() {
        assertEquals("x\n  1\n", render("  {% if true %}\nx\n  {{ 1 }}\n  {% endif %}\n"));
    }

    @Test
    void lstripBlocksKeepsTextBeforeATagOnTheSameLine() {
        assertEquals("a  b", render("a  {% if true %}b{% endif %}"));
    }

    @Test
    void minusStripsAllWhitespaceIncludingNewlinesOnItsSide() {
        assertEquals("a|b|c", render("a \n {%- if true -%} \n |b| \n {%- endif -%} \n c"));
        assertEquals("[1]", render("[ \n {{- 1 -}} \t\n ]"));
    }

    @Test
    void plusKeepsTheWhitespaceThatLstripAndTrimWouldRemove() {
        assertEquals("  x\nz", render("  {%+ if true %}x{% endif +%}\nz"));
    }

    @Test
    void commentsAreDroppedAndTrimmedLikeBlocks() {
        assertEquals("a\nb", render("a\n  {# note #}\nb"));
        assertEquals("ab", render("a {#- note -#} b"));
    }

    @Test
    void rawBlocksAreNotEvaluated() {
        assertEquals("{{ x }}{% if %}", render("{% raw %}{{ x }}{% if %}{% endraw %}"));
    }

    @Test
    void oneTrailingNewlineOfTheTemplateIsDroppedAndLineEndingsAreNormalized() {
        assertEquals("a\nb\n", render("a\r\nb\r\n\r\n"));
        assertEquals("a", render("a\n"));
    }

    @Test
    void indentedMultiLineTemplateRendersOnlyItsOutput() {
        String template = """
                {%- for m in messages %}
                    {%- if m.role == 'user' %}
                        {{- '<u>' + m.content }}
                    {%- else %}
                        {{- '<a>' + m.content }}
                    {%- endif %}
                {%- endfor %}
                """;
        assertEquals("<u>hi<a>ho", render(template, "messages",
                java.util.List.of(java.util.Map.of("role", "user", "content", "hi"),
                        java.util.Map.of("role", "assistant", "content", "ho"))));
    }
}
