package dev.llmplatform.inference.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The name a model is served under: configured, else the file name without {@code .gguf}, lower-cased. */
public final class ServedName {

    private ServedName() {
    }

    /** For example {@code stories260K.gguf} gives {@code stories260k}. */
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
