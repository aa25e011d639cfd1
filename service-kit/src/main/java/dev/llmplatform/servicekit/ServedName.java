package dev.llmplatform.servicekit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The name a model is served under, the same in every service: the configured name ({@code LLM_MODEL_NAME}) when one
 * is given, else the GGUF file's name without {@code .gguf}, lower-cased. The inference service reports it and the
 * tokenizer service estimates costs under it, so both must derive it the same way.
 */
public final class ServedName {

    private ServedName() {
    }

    /**
     * The served name of {@code file}: {@code configured} (trimmed) when present and not blank, else the file name
     * without {@code .gguf}, lower-cased ({@code models/Stories260K.gguf} gives {@code stories260k}).
     */
    public static String of(Optional<String> configured, Path file) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get().trim();
        }
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            name = name.substring(0, name.length() - ".gguf".length());
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
