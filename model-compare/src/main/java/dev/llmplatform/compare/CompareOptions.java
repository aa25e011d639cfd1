package dev.llmplatform.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * The command line: {@code [--models a.gguf,b.gguf | --dir folder] [--prompts file] [--max-tokens N] [--out dir]}.
 *
 * @param models    explicit model files; empty means discover them
 * @param dir       the folder to search for {@code .gguf} files when no models are given; empty means the
 *                  Hugging Face cache ({@code $HF_HOME/hub}) plus {@code LLM_MODEL}
 * @param prompts   a prompt file; empty means the built-in set
 * @param maxTokens max_tokens per prompt
 * @param out       the output folder
 */
public record CompareOptions(List<Path> models, Optional<Path> dir, Optional<Path> prompts, int maxTokens, Path out) {

    /** The usage text. */
    public static final String USAGE = "usage: compare-models.sh [--models a.gguf,b.gguf | --dir folder] "
            + "[--prompts file] [--max-tokens N (1..4096, default 64)] [--out dir (default ./comparison)]";

    private static final int DEFAULT_MAX_TOKENS = 64;
    private static final int MAX_MAX_TOKENS = 4096;

    /** Copies the model list. */
    public CompareOptions {
        models = List.copyOf(models);
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a message naming the bad argument
     */
    public static CompareOptions parse(String[] args) {
        List<Path> models = new ArrayList<>();
        Optional<Path> dir = Optional.empty();
        Optional<Path> prompts = Optional.empty();
        int maxTokens = DEFAULT_MAX_TOKENS;
        Path out = Path.of("comparison");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!Set.of("--models", "--dir", "--prompts", "--max-tokens", "--out")
                    .contains(option)) {
                throw new IllegalArgumentException("unknown argument '" + option + "'");
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--models" -> {
                    for (String m : value.split(",")) {
                        if (!m.isBlank()) {
                            models.add(Path.of(m.strip()));
                        }
                    }
                }
                case "--dir" -> dir = Optional.of(Path.of(value));
                case "--prompts" -> prompts = Optional.of(Path.of(value));
                case "--max-tokens" -> maxTokens = parseMaxTokens(value);
                default -> out = Path.of(value);
            }
        }
        if (!models.isEmpty() && dir.isPresent()) {
            throw new IllegalArgumentException("give either --models or --dir, not both");
        }
        return new CompareOptions(models, dir, prompts, maxTokens, out);
    }

    private static int parseMaxTokens(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_MAX_TOKENS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--max-tokens must be an integer in 1.." + MAX_MAX_TOKENS + ", got '"
                + value + "'");
    }
}
