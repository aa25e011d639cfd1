package dev.llmplatform.tokenizer.registry;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Repo-id globs ({@code tokenizers.hub.allowed-repos}): {@code *} matches any run of characters other than
 * {@code /}, {@code ?} one such character, everything else itself ({@code Qwen/*}, {@code meta-llama/Llama-3.?-*}).
 */
public final class RepoPatterns {

    private final List<Pattern> patterns;

    /** The globs; blank entries are ignored. */
    public RepoPatterns(List<String> globs) {
        this.patterns = globs.stream().map(String::strip).filter(g -> !g.isEmpty()).map(RepoPatterns::compile)
                .toList();
    }

    /** Whether {@code repoId} matches one of the globs. */
    public boolean matches(String repoId) {
        return patterns.stream().anyMatch(p -> p.matcher(repoId).matches());
    }

    /** Whether there is no glob at all (nothing matches). */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? "[^/]*" : "[^/]");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
}
