package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.servicekit.ServedName;
import dev.llmplatform.tokenizer.TokenizerConfig;
import dev.llmplatform.tokenizer.gguf.GgufEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model the inference service serves, as the tokenizer service knows it: the name it is served under, its GGUF
 * file (whose vocabulary and chat template count its chats) and, optionally, a chat template file replacing the
 * file's. EstimateCost for it counts exactly what the inference service reports as {@code prompt_tokens}.
 *
 * @param name         the served name
 * @param file         the GGUF file
 * @param templateFile a chat template replacing the file's, if any
 */
public record ServedModel(String name, Path file, Optional<Path> templateFile) {

    /**
     * The served models of the configuration: {@code tokenizer.model.*} ({@code LLM_MODEL}, {@code LLM_MODEL_NAME},
     * {@code LLM_CHAT_TEMPLATE_FILE}, what the local runner gives the inference service) and every entry of
     * {@code tokenizer.served-models} ({@code LLM_SERVED_MODELS}). A name given twice is refused.
     *
     * @throws IllegalArgumentException when an entry is malformed or a name repeats
     */
    public static List<ServedModel> fromConfig(TokenizerConfig config) {
        return of(config.model().path(), config.model().name(), config.model().chatTemplateFile(),
                config.servedModels().orElse(List.of()));
    }

    /**
     * The served models of {@code LLM_MODEL} ({@code path}, with {@code name} and {@code templateFile}) and of the
     * {@code tokenizer.served-models} entries.
     *
     * @throws IllegalArgumentException when an entry is malformed or a name repeats
     */
    static List<ServedModel> of(Optional<Path> path, Optional<String> name, Optional<Path> templateFile,
            List<String> entries) {
        Map<String, ServedModel> models = new LinkedHashMap<>();
        List<ServedModel> all = new ArrayList<>();
        path.ifPresent(p -> all.add(new ServedModel(ServedName.of(name, p), p, templateFile)));
        entries.stream().filter(e -> !e.isBlank()).map(ServedModel::parse).forEach(all::add);
        for (ServedModel model : all) {
            ServedModel before = models.putIfAbsent(model.name(), model);
            if (before != null && !before.equals(model)) {
                throw new IllegalArgumentException("served model name '" + model.name() + "' is given twice: for "
                        + before.file() + " and " + model.file());
            }
        }
        return List.copyOf(models.values());
    }

    /**
     * One entry of {@code tokenizer.served-models}: {@code [name=]file.gguf[;template=file]}.
     *
     * @throws IllegalArgumentException when it is malformed
     */
    public static ServedModel parse(String entry) {
        String[] parts = entry.strip().split(";", -1);
        Optional<Path> template = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String option = parts[i].strip();
            if (!option.startsWith("template=") || option.length() == "template=".length()) {
                throw new IllegalArgumentException("tokenizer.served-models: '" + entry + "' has '" + option
                        + "'; the only option is ;template=<chat template file>");
            }
            template = Optional.of(Path.of(option.substring("template=".length()).strip()));
        }
        String model = parts[0].strip();
        int equals = model.indexOf('=');
        Optional<String> name = equals > 0 ? Optional.of(model.substring(0, equals).strip()) : Optional.empty();
        String file = (equals >= 0 ? model.substring(equals + 1) : model).strip();
        if (file.isEmpty()) {
            throw new IllegalArgumentException("tokenizer.served-models: '" + entry + "' names no GGUF file; entries "
                    + "are [name=]file.gguf[;template=file]");
        }
        Path path = Path.of(file);
        return new ServedModel(ServedName.of(name, path), path, template);
    }

    /** The source the registry loads it from: the GGUF's vocabulary, its chats with the template override. */
    TokenizerSource source() {
        return new TokenizerSource(name, () -> {
            Optional<String> template = Optional.empty();
            if (templateFile.isPresent()) {
                template = Optional.of(Files.readString(templateFile.get(), StandardCharsets.UTF_8));
            }
            return GgufEngine.load(name, file, template);
        });
    }
}
