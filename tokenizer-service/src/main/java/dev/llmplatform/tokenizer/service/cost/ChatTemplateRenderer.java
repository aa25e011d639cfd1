package dev.llmplatform.tokenizer.service.cost;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.llmplatform.tokenizer.engine.ChatTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Hugging Face chat templates (Jinja) with Jinjava, the way transformers' {@code apply_chat_template} does
 * with {@code add_generation_prompt=True}: variables {@code messages}, {@code bos_token}, {@code eos_token},
 * {@code add_generation_prompt}. Templates come from server-side files only, never from requests.
 */
public final class ChatTemplateRenderer {

    /** Bounds on one rendering, against templates that loop or grow without end. */
    private static final long MAX_OUTPUT_CHARS = 64L << 20;
    private final Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true)
            .withLstripBlocks(true).withMaxOutputSize(MAX_OUTPUT_CHARS).withFailOnUnknownTokens(false).build());

    /**
     * The prompt text for {@code messages}.
     *
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
        if (!fatal.isEmpty()) {
            throw new IllegalStateException("the chat template does not render: " + fatal.get(0).getMessage());
        }
        return result.getOutput();
    }
}
