package dev.llmplatform.tokenizer.engine;

import dev.llmplatform.chattemplate.ChatTemplateException;
import dev.llmplatform.chattemplate.RenderedPrompt;
import dev.llmplatform.chattemplate.TemplateLimitException;
import dev.llmplatform.chattemplate.TemplateRaisedException;
import dev.llmplatform.chattemplate.TemplateRenderException;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.error.TextTooLargeException;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import java.util.function.Supplier;

/** The failures of a chat template render as the service's errors, and the bound on the rendered prompt. */
public final class PromptRendering {

    /** Longest template message passed on (a template's own message, which may quote request values). */
    static final int MAX_MESSAGE_CHARS = 1000;

    private PromptRendering() {
    }

    /**
     * Runs a tracked render and checks the prompt's size.
     *
     * @param tokenizer the tokenizer whose template renders, for messages
     * @throws InvalidRequestException when the template refuses the chat ({@code raise_exception}: its message) or
     *                                 fails on it
     * @throws TextTooLargeException   when the prompt grew past the bound
     */
    public static RenderedPrompt render(String tokenizer, PromptBounds bounds, Supplier<RenderedPrompt> render) {
        RenderedPrompt prompt;
        try {
            prompt = render.get();
        } catch (TemplateRaisedException e) {
            throw new InvalidRequestException("the chat template refused the messages: " + shown(e.getMessage()));
        } catch (TemplateLimitException e) {
            if (e.detail().contains("larger than the limit")) {
                throw TextTooLargeException.cutOff("the rendered prompt", bounds.maxPromptBytes());
            }
            throw new InvalidRequestException("the chat template failed on these messages: " + shown(e.getMessage()));
        } catch (TemplateRenderException e) {
            throw new InvalidRequestException("the chat template failed on these messages: " + shown(e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(shown(e.getMessage()));
        }
        long bytes = TextIndex.utf8Length(prompt.text());
        if (bytes > bounds.maxPromptBytes()) {
            throw new TextTooLargeException("the rendered prompt", bytes, bounds.maxPromptBytes());
        }
        return prompt;
    }

    /** A template that does not compile, as the tokenizer's unavailability (a server-side problem). */
    public static TokenizerUnavailableException notCompiling(String tokenizer, String source,
            ChatTemplateException e) {
        return new TokenizerUnavailableException(tokenizer, "its chat template (" + source + ") does not compile: "
                + shown(e.getMessage()));
    }

    private static String shown(String message) {
        String text = message == null ? "" : message;
        if (text.length() > MAX_MESSAGE_CHARS) {
            text = text.substring(0, MAX_MESSAGE_CHARS) + "\u2026";
        }
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
