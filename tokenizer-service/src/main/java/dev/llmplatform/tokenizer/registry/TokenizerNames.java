package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.error.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * Validation of tokenizer names before any lookup: a plain name ({@code gpt2}, {@code llama-3.1}) or a Hugging
 * Face repo id ({@code org/name}). Anything that could address a file ({@code ../}, absolute paths, backslashes,
 * colons, control characters) is refused, so a name never reaches the file system unchecked.
 */
public final class TokenizerNames {

    /** Longest accepted name. */
    public static final int MAX_LENGTH = 200;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private TokenizerNames() {
    }

    /**
     * Checks a requested name.
     *
     * @throws InvalidRequestException when the name is empty, too long or not a plain name or repo id
     */
    public static String validate(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("tokenizer name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidRequestException("tokenizer name is " + name.length()
                    + " characters; the maximum is " + MAX_LENGTH);
        }
        if (!isRepoId(name) && !SEGMENT.matcher(name).matches()) {
            throw new InvalidRequestException("tokenizer name is not a plain name or an org/name repo id");
        }
        return name;
    }

    /**
     * Checks a configured repo id ({@code tokenizers.hub.repos}).
     *
     * @throws IllegalArgumentException when it is not an {@code org/name} repo id
     */
    public static String validateRepoId(String repoId) {
        String id = repoId.strip();
        if (!isRepoId(id)) {
            throw new IllegalArgumentException("tokenizers.hub.repos: '" + id + "' is not an org/name repo id");
        }
        return id;
    }

    /** Whether the name has the shape {@code org/name} with safe segments (no "..", no empty segment). */
    public static boolean isRepoId(String name) {
        int slash = name.indexOf('/');
        if (slash < 0 || name.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        String org = name.substring(0, slash);
        String repo = name.substring(slash + 1);
        return SEGMENT.matcher(org).matches() && SEGMENT.matcher(repo).matches()
                && !org.contains("..") && !repo.contains("..");
    }
}
