package dev.llmplatform.bench.platform;

import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A model chosen on the command line: {@code stories260k}, {@code random-134m-q4_0} (the shared test assets) or a
 * path to a GGUF file. The served name follows the inference service's default: the file name without
 * {@code .gguf}, lower-cased.
 *
 * @param path         the GGUF file
 * @param servedName   the name the inference service serves it under
 * @param maxContext   the largest per-slot context the inference service accepts for it: the GGUF
 *                     {@code <arch>.context_length} (the service refuses a larger {@code LLM_CONTEXT}), capped at
 *                     the service's default cap of 4096
 * @param hasChatTemplate whether the file carries {@code tokenizer.chat_template}; without one the service runs a
 *                     chat as plain completion of the message contents joined by newlines
 */
public record ModelChoice(Path path, String servedName, int maxContext, boolean hasChatTemplate) {

    /** The inference service's context cap when the file declares none or a larger one. */
    static final int SERVICE_CONTEXT_CAP = 4096;
    /** Tokens kept free for the rendered prompt when sizing max_tokens to the context. */
    public static final int PROMPT_ROOM = 32;

    /** Resolves a name or path. */
    public static ModelChoice resolve(String nameOrPath) {
        Path path = switch (nameOrPath) {
            case "stories260k" -> TestAssets.file("models/stories260K.gguf");
            case "random-134m-q4_0" -> TestAssets.file("models/random-134m-q4_0.gguf");
            default -> Path.of(nameOrPath);
        };
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--model: no GGUF file at " + path
                    + " (use stories260k, random-134m-q4_0 or a path)");
        }
        String file = path.getFileName().toString();
        String name = (file.endsWith(".gguf") ? file.substring(0, file.length() - 5) : file).toLowerCase(Locale.ROOT);
        GgufFile gguf;
        try {
            gguf = GgufFile.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GGUF metadata of " + path, e);
        }
        long trained = gguf.contextLength().orElse(SERVICE_CONTEXT_CAP);
        return new ModelChoice(path, name, (int) Math.min(trained, SERVICE_CONTEXT_CAP),
                gguf.chatTemplate().isPresent());
    }

    /** {@code wanted} tokens, lowered so that prompt room plus the answer fit one slot's context. */
    public int fitTokens(int wanted) {
        return Math.max(1, Math.min(wanted, maxContext - PROMPT_ROOM));
    }
}
