package dev.llmplatform.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the models to compare: every {@code .gguf} file under a folder, the Hugging Face cache and LLM_MODEL. */
public final class ModelDiscovery {

    private ModelDiscovery() {
    }

    /**
     * The default search: the snapshots of the Hugging Face cache ({@code $HF_HOME/hub}, {@code HF_HOME} defaulting
     * to {@code ~/.cache/huggingface}) plus {@code LLM_MODEL} when set.
     */
    public static List<Path> defaults(Map<String, String> env) {
        Path hfHome = Optional.ofNullable(env.get("HF_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "huggingface"));
        List<Path> found = new ArrayList<>(under(hfHome.resolve("hub")));
        Optional.ofNullable(env.get("LLM_MODEL")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(found::add);
        return distinct(found);
    }

    /** Every regular {@code .gguf} file below {@code dir} (links to files followed, as in the HF cache), sorted. */
    public static List<Path> under(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    /** The paths without duplicates (the same file reached twice, e.g. through a cache link), in order. */
    public static List<Path> distinct(List<Path> paths) {
        Map<Path, Path> byReal = new LinkedHashMap<>();
        for (Path p : paths) {
            Path key;
            try {
                key = p.toRealPath();
            } catch (IOException e) {
                key = p.toAbsolutePath().normalize();
            }
            byReal.putIfAbsent(key, p);
        }
        return List.copyOf(byReal.values());
    }
}
