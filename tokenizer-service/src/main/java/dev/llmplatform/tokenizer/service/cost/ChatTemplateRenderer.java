package dev.llmplatform.tokenizer.service.cost;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.OutputTooBigException;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.llmplatform.tokenizer.engine.ChatTemplate;
import dev.llmplatform.tokenizer.engine.TextIndex;
import dev.llmplatform.tokenizer.error.Echo;
import dev.llmplatform.tokenizer.error.TextTooLargeException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Hugging Face chat templates (Jinja) with Jinjava, the way transformers' {@code apply_chat_template} does
 * with {@code add_generation_prompt=True}: variables {@code messages}, {@code bos_token}, {@code eos_token},
 * {@code add_generation_prompt}. Templates come from server-side files only, never from requests.
 *
 * <p>Message contents are data: Jinjava's nested interpretation (which would evaluate {@code {{ }}} and
 * {@code {% %}} found in a value the template prints) is off, so a content is printed exactly as sent. The rendered
 * prompt is bounded like any text ({@code tokenizers.max-text-bytes}): Jinjava stops rendering at that many UTF-8
 * bytes, and the size is checked again after rendering.
 */
public final class ChatTemplateRenderer {

    private final long maxPromptBytes;
    private final Jinjava jinjava;

    /** A renderer whose prompts may take at most {@code maxPromptBytes} UTF-8 bytes. */
    public ChatTemplateRenderer(long maxPromptBytes) {
        this.maxPromptBytes = maxPromptBytes;
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withNestedInterpretationEnabled(false).withMaxOutputSize(maxPromptBytes)
                .withFailOnUnknownTokens(false).build());
    }

    /**
     * The prompt text for {@code messages}.
     *
     * @throws TextTooLargeException when the prompt is over the size limit
     * @throws IllegalStateException when the template does not render
     */
    public String render(ChatTemplate template, List<ChatMessage> messages) {
        Map<String, Object> context = new HashMap<>();
        context.put("messages", messages.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        context.put("bos_token", template.bosToken());
        context.put("eos_token", template.eosToken());
        context.put("add_generation_prompt", true);
        RenderResult result = jinjava.renderForResult(template.template(), context);
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (result.getErrors().stream().anyMatch(ChatTemplateRenderer::outputTooBig)) {
            throw TextTooLargeException.cutOff("the rendered prompt", maxPromptBytes);
        }
        if (!fatal.isEmpty()) {
            throw new IllegalStateException("the chat template does not render: "
                    + Echo.value(fatal.get(0).getMessage()));
        }
        String prompt = result.getOutput();
        long bytes = TextIndex.utf8Length(prompt);
        if (bytes > maxPromptBytes) {
            throw new TextTooLargeException("the rendered prompt", bytes, maxPromptBytes);
        }
        return prompt;
    }

    /** Jinjava reports the output limit directly, or inside the error of the expression that crossed it. */
    private static boolean outputTooBig(TemplateError error) {
        if (error.getReason() == TemplateError.ErrorReason.OUTPUT_TOO_BIG) {
            return true;
        }
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
            if (t instanceof OutputTooBigException) {
                return true;
            }
        }
        return false;
    }
}
