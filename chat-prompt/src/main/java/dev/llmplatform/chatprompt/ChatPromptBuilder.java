package dev.llmplatform.chatprompt;

import dev.llmplatform.chattemplate.ChatTemplate;
import dev.llmplatform.chattemplate.ChatTemplateInput;
import dev.llmplatform.chattemplate.ChatTemplateOptions;
import dev.llmplatform.chattemplate.RenderedPrompt;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufFormatException;
import dev.llmplatform.gguf.GgufTokenizer;
import dev.llmplatform.gguf.GgufVocabulary;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a chat into the prompt an engine sees, for one model: the model's chat template renders it (as transformers
 * does), the model's GGUF vocabulary tokenizes it (as llama.cpp does), and special tokens come only from what the
 * template wrote, never from message contents, roles, tool definitions or tool-call arguments. The inference service
 * sends {@link ChatPrompt#ids()} to the engine and the tokenizer service counts them, so both report the same number.
 *
 * <p>With a template: the template gets the vocabulary's BOS and EOS texts as {@code bos_token} and {@code eos_token}
 * (undefined when the vocabulary has none) and renders tracked ({@link ChatTemplate#renderTracked}). The ids are what
 * llama-server (llama.cpp b4916) computes for a chat: a BOS text the template wrote at the very start and an EOS text
 * it wrote at the very end are cut off, and the rest is tokenized with {@code add_special}: BOS (and EOS) ids where
 * the vocabulary adds them ({@code tokenizer.ggml.add_bos_token}), so a template that starts with {@code bos_token}
 * still gives one BOS; control tokens only in template text ({@link GgufTokenizer#encode(String, boolean, BitSet)}).
 * BOS or EOS text that came from the request is never cut.
 *
 * <p>Without a template (the file has none and no override is given): the plain-completion rule. The message contents
 * are joined with {@code "\n"}, roles dropped (tools and extra variables have no place in it), and tokenized with BOS
 * where the vocabulary adds it and without special parsing: every character counts as request text.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChatPromptBuilder {

    /** What separates message contents in a plain-completion prompt. */
    public static final String PLAIN_SEPARATOR = "\n";

    private final GgufTokenizer tokenizer;
    private final ChatTemplate template;
    private final String bosToken;
    private final String eosToken;

    private ChatPromptBuilder(GgufTokenizer tokenizer, ChatTemplate template) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.bosToken = tokenizer.bosId() >= 0 ? tokenizer.piece(tokenizer.bosId()) : null;
        this.eosToken = tokenizer.eosId() >= 0 ? tokenizer.piece(tokenizer.eosId()) : null;
    }

    /**
     * A builder for a GGUF file: its vocabulary and its {@code tokenizer.chat_template}.
     *
     * @throws GgufFormatException                                  when the file has no usable vocabulary
     * @throws dev.llmplatform.chattemplate.TemplateSyntaxException when the file's template does not compile
     */
    public static ChatPromptBuilder of(GgufFile file) throws GgufFormatException {
        return of(file, ChatPromptOptions.defaults());
    }

    /**
     * A builder for a GGUF file: its vocabulary, and the template override from the options or else the file's
     * {@code tokenizer.chat_template} (an empty one counts as none).
     *
     * @throws GgufFormatException                                  when the file has no usable vocabulary
     * @throws dev.llmplatform.chattemplate.TemplateSyntaxException when the template does not compile
     */
    public static ChatPromptBuilder of(GgufFile file, ChatPromptOptions options) throws GgufFormatException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String source = options.templateOverride() != null && !options.templateOverride().isEmpty()
                ? options.templateOverride() : file.chatTemplate().filter(t -> !t.isEmpty()).orElse(null);
        return of(GgufTokenizer.create(GgufVocabulary.from(file)), source, options.templateOptions());
    }

    /**
     * A builder for a vocabulary and a template source (see {@link #of(GgufTokenizer, String, ChatTemplateOptions)};
     * a caller that already has the vocabulary's tokenizer should pass that).
     *
     * @throws IllegalArgumentException                             when the vocabulary's tokenizer is not supported
     * @throws dev.llmplatform.chattemplate.TemplateSyntaxException when the template does not compile
     */
    public static ChatPromptBuilder of(GgufVocabulary vocabulary, String templateSource,
                                       ChatTemplateOptions templateOptions) {
        return of(GgufTokenizer.create(vocabulary), templateSource, templateOptions);
    }

    /**
     * A builder for a tokenizer and a template source.
     *
     * @param tokenizer       the model's vocabulary
     * @param templateSource  the chat template; null (or empty) for a model without one (the plain-completion rule)
     * @param templateOptions the clock behind {@code strftime_now} and the render limits
     * @throws dev.llmplatform.chattemplate.TemplateSyntaxException when the template does not compile
     */
    public static ChatPromptBuilder of(GgufTokenizer tokenizer, String templateSource,
                                       ChatTemplateOptions templateOptions) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(templateOptions, "templateOptions");
        ChatTemplate template = templateSource == null || templateSource.isEmpty() ? null
                : ChatTemplate.compile(templateSource, templateOptions);
        return new ChatPromptBuilder(tokenizer, template);
    }

    /**
     * Builds the prompt of a chat.
     *
     * @param messages            the conversation, as {@link ChatTemplateInput#messages()} describes it
     * @param tools               tool (function) schemas, or null for none
     * @param addGenerationPrompt end with the assistant turn's header (true for generation)
     * @param extra               further template variables ({@code enable_thinking}, ...), or null for none
     * @throws dev.llmplatform.chattemplate.TemplateRaisedException when the template refuses the chat with
     *                                                              {@code raise_exception} (its message is meant for
     *                                                              the client, e.g. as an HTTP 400)
     * @throws dev.llmplatform.chattemplate.TemplateRenderException when rendering fails otherwise
     * @throws IllegalArgumentException                             when a value is not a string, number, boolean,
     *                                                              null, map or list, or (without a template) a
     *                                                              content is not a string or null
     */
    public ChatPrompt build(List<? extends Map<String, ?>> messages, List<? extends Map<String, ?>> tools,
                            boolean addGenerationPrompt, Map<String, ?> extra) {
        return tokenize(render(messages, tools, addGenerationPrompt, extra));
    }

    /**
     * The first half of {@link #build}: the prompt text and which of its characters came from the request, not yet
     * tokenized. A caller that must bound what it tokenizes (the text's size) checks the text here and then calls
     * {@link #tokenize}; {@code tokenize(render(...))} is exactly {@code build(...)}.
     *
     * <p>With a template, its tracked render; without one, the plain-completion text (the contents joined with
     * {@code "\n"}), every character marked as request data.
     *
     * @throws dev.llmplatform.chattemplate.TemplateRaisedException as {@link #build} does
     * @throws dev.llmplatform.chattemplate.TemplateRenderException as {@link #build} does
     * @throws IllegalArgumentException                             as {@link #build} does
     */
    public RenderedPrompt render(List<? extends Map<String, ?>> messages, List<? extends Map<String, ?>> tools,
                                 boolean addGenerationPrompt, Map<String, ?> extra) {
        Objects.requireNonNull(messages, "messages");
        if (template == null) {
            return plainText(messages);
        }
        return template.renderTracked(
                new ChatTemplateInput(messages, addGenerationPrompt, bosToken, eosToken, tools, extra));
    }

    /**
     * The second half of {@link #build}: the ids of a prompt {@link #render} returned (of this builder), by the rules
     * of {@link #build}.
     */
    public ChatPrompt tokenize(RenderedPrompt rendered) {
        Objects.requireNonNull(rendered, "rendered");
        String text = rendered.text();
        BitSet fromRequest = rendered.fromRequest();
        if (template == null) {
            return new ChatPrompt(text, tokenizer.encode(text, true, fromRequest), fromRequest, false);
        }
        int from = 0;
        int to = text.length();
        if (bosToken != null && !bosToken.isEmpty() && text.startsWith(bosToken)
                && !rendered.anyFromRequest(0, bosToken.length())) {
            from = bosToken.length();
        }
        if (eosToken != null && !eosToken.isEmpty() && to - from >= eosToken.length() && text.endsWith(eosToken)
                && !rendered.anyFromRequest(to - eosToken.length(), to)) {
            to -= eosToken.length();
        }
        int[] ids = tokenizer.encode(text.substring(from, to), true, fromRequest.get(from, to));
        return new ChatPrompt(text, ids, fromRequest, true);
    }

    private RenderedPrompt plainText(List<? extends Map<String, ?>> messages) {
        List<String> contents = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Map<String, ?> message = Objects.requireNonNull(messages.get(i), "messages[" + i + "]");
            Object content = message.get("content");
            if (content != null && !(content instanceof String)) {
                throw new IllegalArgumentException("messages[" + i + "].content must be a string for a model "
                        + "without a chat template, got " + content.getClass().getSimpleName());
            }
            contents.add(content == null ? "" : (String) content);
        }
        String text = String.join(PLAIN_SEPARATOR, contents);
        BitSet all = new BitSet();
        all.set(0, text.length());
        return new RenderedPrompt(text, all);
    }

    /** Whether chats are rendered by a template (false: the plain-completion rule). */
    public boolean templated() {
        return template != null;
    }

    /** The chat template, if the model has one (or an override was given). */
    public Optional<ChatTemplate> template() {
        return Optional.ofNullable(template);
    }

    /** The tokenizer of the model's vocabulary. */
    public GgufTokenizer tokenizer() {
        return tokenizer;
    }

    /** The text the template gets as {@code bos_token}: the vocabulary's BOS token, if it has one. */
    public Optional<String> bosToken() {
        return Optional.ofNullable(bosToken);
    }

    /** The text the template gets as {@code eos_token}: the vocabulary's EOS token, if it has one. */
    public Optional<String> eosToken() {
        return Optional.ofNullable(eosToken);
    }
}
