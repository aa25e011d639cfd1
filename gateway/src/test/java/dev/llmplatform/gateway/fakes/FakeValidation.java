package dev.llmplatform.gateway.fakes;

import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * What the inference service refuses, with its messages (inference-service's SamplingValidator and ChatMessages), for
 * a model with a 256-token context: the gateway's tests check that these reach the client unchanged.
 */
final class FakeValidation {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private FakeValidation() {
    }

    /** The INVALID_ARGUMENT message for the request, or null when it is valid. */
    static String refusal(GenerationRequest request) {
        Sampling s = request.sampling();
        if (s.maxTokens() != null && (s.maxTokens() < 0 || s.maxTokens() > 256)) {
            return "max_tokens must be between 0 and 256 (the slot's context; 0 means the default of 64), got "
                    + s.maxTokens();
        }
        if (s.temperature() != null && !(s.temperature() >= 0 && s.temperature() <= 2)) {
            return "temperature must be in [0, 2], got " + s.temperature().floatValue();
        }
        if (s.topP() != null && !(s.topP() > 0 && s.topP() <= 1)) {
            return "top_p must be in (0, 1], got " + s.topP().floatValue();
        }
        if (s.topK() != null && (s.topK() < 0 || s.topK() > 10_000)) {
            return "top_k must be between 0 and 10000, got " + s.topK();
        }
        if (s.seed() != null && (s.seed() < 0 || s.seed() > Integer.MAX_VALUE)) {
            return "seed must be between 0 and 2147483647, got " + s.seed();
        }
        if (s.stop().size() > 4) {
            return "at most 4 stop strings are allowed, got " + s.stop().size();
        }
        for (int i = 0; i < s.stop().size(); i++) {
            int bytes = s.stop().get(i).getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > 256) {
                return bytes == 0 ? "stop[" + i + "] is empty" : "stop[" + i + "] is " + bytes
                        + " bytes, over the limit of 256";
            }
        }
        if (request.prompt() != null) {
            return request.prompt().isEmpty() ? "prompt is empty" : null;
        }
        return chat(request.chat().messages());
    }

    private static String chat(List<Chat.Message> messages) {
        if (messages.isEmpty()) {
            return "chat has no messages";
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!ROLES.contains(messages.get(i).role())) {
                return "messages[" + i + "].role must be system, user, assistant or tool, got \""
                        + messages.get(i).role() + "\"";
            }
        }
        String last = messages.get(messages.size() - 1).role();
        return "user".equals(last) || "tool".equals(last) ? null
                : "the last message must be from the user or a tool, got " + last;
    }
}
