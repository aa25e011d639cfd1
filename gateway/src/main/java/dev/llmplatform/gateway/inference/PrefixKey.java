package dev.llmplatform.gateway.inference;

import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.Tool;
import java.nio.charset.StandardCharsets;

/**
 * A 64-bit key for the start of a request's prompt, the part that stays the same from one turn of a conversation to
 * the next: for a chat, the tools and the messages up to and including the first user message (the system prompt and
 * the opening question); for a raw prompt, its first {@value #PROMPT_CHARS} characters. Requests with the same key
 * share a prompt prefix, so the replica that served one likely still holds its KV cells (the inference service's
 * prompt cache).
 */
public final class PrefixKey {

    /** Characters of a raw prompt that make its key. */
    static final int PROMPT_CHARS = 256;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private PrefixKey() {
    }

    /** The key of a request's prompt prefix. */
    public static long of(GenerateRequest request) {
        long hash = FNV_OFFSET;
        if (request.hasChat()) {
            for (Tool tool : request.getChat().getToolsList()) {
                hash = add(hash, "tool");
                hash = add(hash, tool.getName());
                hash = add(hash, tool.getParametersJson());
            }
            for (ChatMessage message : request.getChat().getMessagesList()) {
                hash = add(hash, message.getRole());
                hash = add(hash, message.getContent());
                if ("user".equals(message.getRole())) {
                    break;
                }
            }
            return hash;
        }
        String prompt = request.getPrompt();
        return add(add(hash, "prompt"), prompt.substring(0, Math.min(prompt.length(), PROMPT_CHARS)));
    }

    /** FNV-1a over the UTF-8 bytes of {@code text}, then a 0xff separator (no UTF-8 byte is 0xff). */
    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return (hash ^ 0xff) * FNV_PRIME;
    }
}
