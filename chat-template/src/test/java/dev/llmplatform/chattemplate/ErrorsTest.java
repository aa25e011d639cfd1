package dev.llmplatform.chattemplate;

import static dev.llmplatform.chattemplate.Templates.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three kinds of failure, with line numbers. */
class ErrorsTest {

    @Test
    void syntaxErrorsCarryTheLineNumber() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> ChatTemplate.compile("line one\nline two\n{% if %}"));
        assertEquals(3, e.lineNumber());
        assertEquals("line 3: Expected an expression, got 'end of statement block'", e.getMessage());
        assertEquals(2, assertThrows(TemplateSyntaxException.class,
                () -> ChatTemplate.compile("{{ 1 }}\n{% frobnicate %}")).lineNumber());
        assertEquals(1, assertThrows(TemplateSyntaxException.class,
                () -> ChatTemplate.compile("{{ 'unterminated }}")).lineNumber());
    }

    @Test
    void unclosedBlocksAndStrayEndTagsAreSyntaxErrors() {
        TemplateSyntaxException unclosed = assertThrows(TemplateSyntaxException.class,
                () -> ChatTemplate.compile("{% for x in y %}\n{% if x %}"));
        assertEquals("Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or "
                + "'endif'. The innermost block that needs to be closed is 'if'.", unclosed.detail());
        assertThrows(TemplateSyntaxException.class, () -> ChatTemplate.compile("{% endfor %}"));
        assertThrows(TemplateSyntaxException.class, () -> ChatTemplate.compile("{% break %}"));
        assertThrows(TemplateSyntaxException.class, () -> ChatTemplate.compile("{{ 1 + }}"));
        assertThrows(TemplateSyntaxException.class, () -> ChatTemplate.compile("{# never closed"));
    }

    @Test
    void raiseExceptionCarriesExactlyTheTemplatesMessage() {
        ChatTemplate template = ChatTemplate.compile("{% if messages[0]['role'] == 'system' %}\n"
                + "{{ raise_exception('System role not supported') }}\n{% endif %}ok");
        TemplateRaisedException e = assertThrows(TemplateRaisedException.class, () -> template.render(
                ChatTemplateInput.of(List.of(Map.of("role", "system", "content", "x")), true, null, null)));
        assertEquals("System role not supported", e.getMessage());
        assertEquals(2, e.lineNumber());
        assertEquals("ok", template.render(ChatTemplateInput.of(List.of(Map.of("role", "user", "content", "x")),
                true, null, null)));
    }

    @Test
    void renderFailuresCarryTheLineNumberAndThePythonErrorName() {
        TemplateRenderException e = assertThrows(TemplateRenderException.class, () -> render("a\nb\n{{ 1 // 0 }}"));
        assertEquals(3, e.lineNumber());
        assertEquals("ZeroDivisionError: integer division or modulo by zero", e.detail());
        TemplateRenderException inMacro = assertThrows(TemplateRenderException.class,
                () -> render("{% macro m() %}\n{{ nope() }}\n{% endmacro %}\n\n{{ m() }}"));
        assertEquals(2, inMacro.lineNumber());
    }

    @Test
    void allFailuresShareTheBaseException() {
        assertInstanceOf(ChatTemplateException.class, assertThrows(RuntimeException.class,
                () -> ChatTemplate.compile("{% if %}")));
        assertInstanceOf(ChatTemplateException.class, assertThrows(RuntimeException.class,
                () -> render("{{ raise_exception('x') }}")));
        assertInstanceOf(ChatTemplateException.class, assertThrows(RuntimeException.class,
                () -> render("{{ 'a' - 1 }}")));
    }
}
