package dev.llmplatform.chattemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled Hugging Face chat template, rendered the way transformers' {@code apply_chat_template} renders it with
 * jinja2: {@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])},
 * with transformers' {@code raise_exception}, {@code strftime_now} and {@code tojson}.
 *
 * <p>Compile once and render many times: an instance is immutable and thread-safe. Message contents and all other
 * variables are data; a string containing {@code {{ x }}} is output as it is, never evaluated. Templates see only
 * copies of the values passed in, and rendering is bounded by the {@link ChatTemplateOptions} limits.
 *
 * <pre>{@code
 * ChatTemplate template = ChatTemplate.compile(chatTemplateSource);
 * String prompt = template.render(ChatTemplateInput.of(messages, true, "<s>", "</s>"));
 * }</pre>
 */
public final class ChatTemplate {

    private final String source;
    private final List<Node> body;
    private final ChatTemplateOptions options;
    private final Map<String, Object> globals;

    private ChatTemplate(String source, List<Node> body, ChatTemplateOptions options) {
        this.source = source;
        this.body = body;
        this.options = options;
        this.globals = Map.copyOf(Builtins.globals(options.clock()));
    }

    /**
     * Compiles a template with {@link ChatTemplateOptions#defaults()}.
     *
     * @throws TemplateSyntaxException when the source is not a valid template
     */
    public static ChatTemplate compile(String source) {
        return compile(source, ChatTemplateOptions.defaults());
    }

    /**
     * Compiles a template.
     *
     * @param source  the Jinja2 template text (for example a tokenizer_config.json {@code chat_template})
     * @param options the clock for {@code strftime_now} and the render limits
     * @throws TemplateSyntaxException when the source is not a valid template
     */
    public static ChatTemplate compile(String source, ChatTemplateOptions options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        try {
            return new ChatTemplate(source, Parser.parse(source), options);
        } catch (StackOverflowError e) {
            throw new TemplateSyntaxException("template nested too deeply to parse", 0);
        }
    }

    /** This template with other options (the parsed form is shared). */
    public ChatTemplate withOptions(ChatTemplateOptions newOptions) {
        return new ChatTemplate(source, body, Objects.requireNonNull(newOptions, "options"));
    }

    /** The template text this was compiled from. */
    public String source() {
        return source;
    }

    /** The options renders use. */
    public ChatTemplateOptions options() {
        return options;
    }

    /**
     * Renders a conversation into a prompt.
     *
     * @throws TemplateRaisedException  when the template calls {@code raise_exception} (its message is the template's)
     * @throws TemplateRenderException  when rendering fails otherwise ({@link TemplateLimitException} for a limit)
     * @throws IllegalArgumentException when the input holds values other than strings, numbers, booleans, null,
     *                                  maps and lists
     */
    public String render(ChatTemplateInput input) {
        Objects.requireNonNull(input, "input");
        Map<String, Object> variables = new HashMap<>();
        variables.put("documents", null);
        variables.putAll(input.extra());
        variables.put("messages", input.messages());
        variables.put("add_generation_prompt", input.addGenerationPrompt());
        variables.put("tools", input.tools());
        if (input.bosToken() != null) {
            variables.put("bos_token", input.bosToken());
        }
        if (input.eosToken() != null) {
            variables.put("eos_token", input.eosToken());
        }
        return render(variables);
    }

    /**
     * Renders a conversation like {@link #render(ChatTemplateInput)}, the same text, and marks which characters came
     * from the request: the messages and everything inside them, the tools and the extra variables. Characters the
     * template wrote itself (its literal text, {@code bos_token}, {@code eos_token}, and what it computed from those
     * alone) are not marked. A caller that tokenizes the prompt recognises special tokens only in unmarked text, so
     * that a message cannot forge one.
     *
     * <p>Marks follow the text through everything a template does: printing, {@code +}, {@code ~}, repetition and
     * {@code join} keep each piece's marks; indexing, slicing, {@code strip/lstrip/rstrip/trim} and
     * {@code split/rsplit} keep the marks of the characters they keep; blocks, macros and {@code set} carry them
     * along. Other operations on request data ({@code replace}, {@code upper}, {@code format}, {@code %},
     * {@code tojson}, {@code indent}, ...) mark their whole result. Numbers, booleans and {@code None} have no origin
     * of their own: their text is marked wherever it appears. Tracking costs a little time over a plain render.
     *
     * @throws TemplateRaisedException  when the template calls {@code raise_exception}
     * @throws TemplateRenderException  when rendering fails otherwise ({@link TemplateLimitException} for a limit)
     * @throws IllegalArgumentException when the input holds values other than strings, numbers, booleans, null,
     *                                  maps and lists
     */
    public RenderedPrompt renderTracked(ChatTemplateInput input) {
        Objects.requireNonNull(input, "input");
        Provenance provenance = new Provenance();
        Scope root = rootScope();
        root.set("documents", null);
        input.extra().forEach((name, value) -> root.set(name, provenance.requestValue(value, name)));
        root.set("messages", provenance.requestValue(input.messages(), "messages"));
        root.set("add_generation_prompt", input.addGenerationPrompt());
        root.set("tools", provenance.requestValue(input.tools(), "tools"));
        if (input.bosToken() != null) {
            root.set("bos_token", provenance.template(new String(input.bosToken())));
        }
        if (input.eosToken() != null) {
            root.set("eos_token", provenance.template(new String(input.eosToken())));
        }
        Interpreter interpreter = new Interpreter(options, provenance);
        try {
            return interpreter.renderTracked(body, root);
        } catch (PyException e) {
            throw translate(e);
        } catch (StackOverflowError e) {
            throw new TemplateLimitException("the template nested too deeply (stack overflow)", 0);
        }
    }

    /**
     * Renders with arbitrary top-level variables (the globals {@code range}, {@code dict}, {@code namespace},
     * {@code joiner}, {@code raise_exception} and {@code strftime_now} are always there; a variable of the same name
     * hides one).
     *
     * @throws TemplateRaisedException  when the template calls {@code raise_exception}
     * @throws TemplateRenderException  when rendering fails otherwise ({@link TemplateLimitException} for a limit)
     * @throws IllegalArgumentException when a value is not a string, number, boolean, null, map, list or array
     */
    public String render(Map<String, ?> variables) {
        Objects.requireNonNull(variables, "variables");
        Scope root = rootScope();
        variables.forEach((name, value) -> root.set(name, Values.copy(value, name)));
        Interpreter interpreter = new Interpreter(options, null);
        try {
            return interpreter.render(body, root);
        } catch (PyException e) {
            throw translate(e);
        } catch (StackOverflowError e) {
            throw new TemplateLimitException("the template nested too deeply (stack overflow)", 0);
        }
    }

    /** A frame for the caller's variables, inside the frame of the globals. */
    private Scope rootScope() {
        Scope globalScope = new Scope(null);
        globals.forEach(globalScope::set);
        return globalScope.child();
    }

    private static ChatTemplateException translate(PyException e) {
        return switch (e.kind) {
            case RAISED -> new TemplateRaisedException(e.getMessage(), e.line());
            case LIMIT -> new TemplateLimitException(e.getMessage(), e.line());
            case OVERFLOW -> new TemplateLimitException(e.kind.pythonName + ": " + e.getMessage(), e.line());
            default -> new TemplateRenderException(e.kind.pythonName + ": " + e.getMessage(), e.line());
        };
    }
}
