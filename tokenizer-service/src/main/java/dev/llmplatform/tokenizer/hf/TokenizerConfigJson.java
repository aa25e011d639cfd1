package dev.llmplatform.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.tokenizer.engine.ChatTemplateSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the service reads from a tokenizer_config.json: {@code model_max_length}, {@code chat_template} and the
 * {@code bos_token}/{@code eos_token} texts the template refers to.
 *
 * @param maxLength the declared maximum length; 0 when absent or transformers' "very large" placeholder
 * @param chatTemplate the default chat template, if any
 */
public record TokenizerConfigJson(long maxLength, Optional<ChatTemplateSource> chatTemplate) {

    /** Above this, model_max_length is transformers' placeholder for "not declared" (int(1e30)). */
    private static final double UNDECLARED = 1e15;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** No tokenizer_config.json. */
    public static TokenizerConfigJson absent() {
        return new TokenizerConfigJson(0, Optional.empty());
    }

    /** Reads the file when it exists. */
    public static TokenizerConfigJson read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return absent();
        }
        return parse(JSON.readTree(file.toFile()));
    }

    static TokenizerConfigJson parse(JsonNode root) {
        JsonNode max = root.path("model_max_length");
        long maxLength = max.isNumber() && max.asDouble() > 0 && max.asDouble() < UNDECLARED ? max.asLong() : 0;
        Optional<ChatTemplateSource> template = template(root.path("chat_template")).map(t -> new ChatTemplateSource(t,
                "tokenizer_config.json", tokenText(root.path("bos_token")), tokenText(root.path("eos_token"))));
        return new TokenizerConfigJson(maxLength, template);
    }

    private static String tokenText(JsonNode token) {
        return token.isTextual() ? token.asText() : token.path("content").asText("");
    }

    private static Optional<String> template(JsonNode node) {
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText())) {
                    return Optional.of(named.path("template").asText());
                }
            }
        }
        return Optional.empty();
    }
}
