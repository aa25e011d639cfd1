package dev.llmplatform.tokenizer.hf;

import dev.llmplatform.chattemplate.ChatTemplate;
import dev.llmplatform.chattemplate.ChatTemplateInput;
import dev.llmplatform.chattemplate.RenderedPrompt;
import dev.llmplatform.chattemplate.TemplateSyntaxException;
import dev.llmplatform.tokenizer.engine.Cancellation;
import dev.llmplatform.tokenizer.engine.ChatCounter;
import dev.llmplatform.tokenizer.engine.ChatMessage;
import dev.llmplatform.tokenizer.engine.ChatTemplateSource;
import dev.llmplatform.tokenizer.engine.PromptBounds;
import dev.llmplatform.tokenizer.engine.PromptRendering;
import java.util.BitSet;
import java.util.List;

/**
 * Chats counted through a tokenizer_config.json chat template: compiled at its first use with the platform's renderer
 * ({@code chat-template}, tracked, so the request's own text is known), rendered within the request's bounds, and
 * the prompt counted by the tokenizer with special tokens only where the template wrote them.
 */
final class ConfigChatCounter implements ChatCounter {

    /** Counts a rendered prompt whose request text is marked in {@code fromRequest}. */
    @FunctionalInterface
    interface PromptCounter {
        int count(String prompt, BitSet fromRequest);
    }

    private final String tokenizer;
    private final ChatTemplateSource source;
    private final PromptCounter counter;
    private ChatTemplate compiled;
    private TemplateSyntaxException broken;

    ConfigChatCounter(String tokenizer, ChatTemplateSource source, PromptCounter counter) {
        this.tokenizer = tokenizer;
        this.source = source;
        this.counter = counter;
    }

    @Override
    public String templateSource() {
        return source.source();
    }

    @Override
    public int count(List<ChatMessage> messages, PromptBounds bounds) {
        ChatTemplate template = compiled().withOptions(bounds.options());
        ChatTemplateInput input = ChatTemplateInput.of(ChatMessage.templateValues(messages), true,
                emptyAsNull(source.bosToken()), emptyAsNull(source.eosToken()));
        RenderedPrompt prompt = PromptRendering.render(tokenizer, bounds, () -> template.renderTracked(input));
        Cancellation.check();
        return counter.count(prompt.text(), prompt.fromRequest());
    }

    private synchronized ChatTemplate compiled() {
        if (compiled == null && broken == null) {
            try {
                compiled = ChatTemplate.compile(source.template());
            } catch (TemplateSyntaxException e) {
                broken = e;
            }
        }
        if (broken != null) {
            throw PromptRendering.notCompiling(tokenizer, source.source(), broken);
        }
        return compiled;
    }

    private static String emptyAsNull(String token) {
        return token == null || token.isEmpty() ? null : token;
    }
}
