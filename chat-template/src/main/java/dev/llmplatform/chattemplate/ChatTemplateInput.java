package dev.llmplatform.chattemplate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The variables transformers' {@code apply_chat_template} passes to a chat template.
 *
 * <p>Values inside the maps and lists may be {@link String}, {@link Boolean}, any {@link Number} (integers become
 * Python ints, others floats), {@code null} (Python {@code None}), {@link Map} (dict, keys kept in iteration order)
 * and {@link List} or arrays (list). Nothing else is accepted; the template sees copies, never the Java objects.
 *
 * @param messages            the conversation: dicts with {@code role} and {@code content} (a string, null, or a
 *                            list of content parts); an assistant message may carry {@code tool_calls} (dicts with
 *                            {@code id}, {@code type}, {@code function: {name, arguments}}, the arguments a dict or
 *                            a JSON string), a tool message {@code tool_call_id} and {@code name}
 * @param addGenerationPrompt whether the prompt should end with the assistant turn's header
 * @param bosToken            {@code bos_token}; null leaves the variable undefined
 * @param eosToken            {@code eos_token}; null leaves the variable undefined
 * @param tools               tool (function) schemas, or null: the template then sees {@code tools} as {@code none}
 *                            (transformers passes {@code tools=None}), not as undefined
 * @param extra               further keyword variables, for example {@code date_string} or {@code enable_thinking};
 *                            {@code documents} defaults to {@code none} unless given here. They may not reuse the
 *                            names above.
 */
public record ChatTemplateInput(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt,
                                String bosToken, String eosToken, List<? extends Map<String, ?>> tools,
                                Map<String, ?> extra) {

    /** The variable names {@link #extra()} may not define. */
    public static final Set<String> RESERVED_NAMES =
            Set.of("messages", "add_generation_prompt", "bos_token", "eos_token", "tools");

    /** Checks the arguments; a null {@code extra} means none. */
    public ChatTemplateInput {
        Objects.requireNonNull(messages, "messages");
        extra = extra == null ? Map.of() : extra;
        for (String name : extra.keySet()) {
            if (name == null || RESERVED_NAMES.contains(name)) {
                throw new IllegalArgumentException("extra variable name " + name
                        + " is reserved or null; reserved: " + RESERVED_NAMES);
            }
        }
    }

    /** Messages and special tokens, no tools, no extra variables. */
    public static ChatTemplateInput of(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt,
                                       String bosToken, String eosToken) {
        return new ChatTemplateInput(messages, addGenerationPrompt, bosToken, eosToken, null, Map.of());
    }

    /** This input with the given tool schemas (null for none). */
    public ChatTemplateInput withTools(List<? extends Map<String, ?>> newTools) {
        return new ChatTemplateInput(messages, addGenerationPrompt, bosToken, eosToken, newTools, extra);
    }

    /** This input with the given extra keyword variables. */
    public ChatTemplateInput withExtra(Map<String, ?> newExtra) {
        return new ChatTemplateInput(messages, addGenerationPrompt, bosToken, eosToken, tools, newExtra);
    }
}
