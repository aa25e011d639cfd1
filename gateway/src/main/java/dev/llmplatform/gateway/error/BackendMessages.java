package dev.llmplatform.gateway.error;

import dev.llmplatform.gateway.http.Echo;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway reads from a backend's INVALID_ARGUMENT message, which it passes through unchanged (cut to a
 * bounded length): the request field it begins with, when it begins with one ({@code "top_k must be between 0 and
 * 10000, got -3"} → {@code top_k}, {@code "messages[2].role must be ..."} → {@code messages[2].role}), and whether it
 * says the prompt does not fit the context (OpenAI's {@code context_length_exceeded}).
 */
final class BackendMessages {

    private static final Set<String> FIELDS = Set.of("max_tokens", "temperature", "top_p", "top_k", "min_p",
            "repeat_penalty", "seed", "stop", "messages", "tools", "presence_penalty", "frequency_penalty",
            "logit_bias");
    /** The inference contract's json_schema is the OpenAI request's response_format. */
    private static final String JSON_SCHEMA = "json_schema";
    /** The inference contract's inputs (of Embed) are the OpenAI embeddings request's input. */
    private static final String INPUTS = "inputs";
    private static final Pattern LEADING_FIELD = Pattern.compile("^(([a-z_]+)(\\[\\d+])?(\\.[a-z_]+)?)[ :]");
    private static final Pattern CONTEXT = Pattern.compile("over the slot's context|over the limit of \\d+ bytes \\(");

    private BackendMessages() {
    }

    /** The message, cut to {@link ErrorMapping#MAX_BACKEND_MESSAGE} characters; a fixed text when empty. */
    static String cut(String message) {
        if (message == null || message.isBlank()) {
            return "Request refused by the backend";
        }
        return Echo.cut(message.strip(), ErrorMapping.MAX_BACKEND_MESSAGE);
    }

    /** The request field the message begins with, or null. */
    static String param(String message) {
        Matcher matcher = LEADING_FIELD.matcher(message);
        if (!matcher.find()) {
            return null;
        }
        if (JSON_SCHEMA.equals(matcher.group(2))) {
            return "response_format";
        }
        if (INPUTS.equals(matcher.group(2))) {
            return "input" + (matcher.group(3) == null ? "" : matcher.group(3));
        }
        return FIELDS.contains(matcher.group(2)) ? matcher.group(1) : null;
    }

    /** {@code context_length_exceeded} for a prompt that does not fit, else {@code invalid_value}. */
    static String code(String message) {
        return CONTEXT.matcher(message).find() ? "context_length_exceeded" : "invalid_value";
    }
}
