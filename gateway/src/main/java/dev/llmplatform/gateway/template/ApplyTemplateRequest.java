package dev.llmplatform.gateway.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.openai.ChatParams;
import java.util.List;

/**
 * The body of {@code POST /apply-template}, llama-server's shape: {@code messages} (OpenAI messages), optional
 * {@code tools}, {@code add_generation_prompt} (default true) and {@code model} (needed only when the gateway serves
 * more than one). {@code chat_template} and {@code chat_template_kwargs} are bound only to be refused: the model's
 * own template is what is applied.
 */
public record ApplyTemplateRequest(String model, List<ChatParams.Message> messages, List<ChatParams.Tool> tools,
        Boolean addGenerationPrompt, JsonNode chatTemplate, JsonNode chatTemplateKwargs) {
}
