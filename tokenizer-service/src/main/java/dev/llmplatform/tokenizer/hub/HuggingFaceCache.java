package dev.llmplatform.tokenizer.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Hugging Face cache layout: {@code <hub>/models--<org>--<name>/refs/<revision>} holds a commit hash and
 * {@code snapshots/<commit>/} holds the files (often symlinks into {@code blobs/}). Callers pass validated repo ids
 * only (see {@code TokenizerNames}).
 */
public final class HuggingFaceCache {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{6,64}|[A-Za-z0-9._-]{1,100}");
    private final Path hub;

    /** A cache rooted at {@code hub} (that is {@code $HF_HOME/hub}). */
    public HuggingFaceCache(Path hub) {
        this.hub = hub;
    }

    /** The cache folder of a repo: {@code models--org--name}. */
    public Path repoFolder(String repoId) {
        return hub.resolve("models--" + repoId.replace("/", "--"));
    }

    /** The snapshot folder holding a tokenizer.json for {@code revision}, if cached. */
    public Optional<Path> snapshot(String repoId, String revision) {
        Path repo = repoFolder(repoId);
        try {
            Path ref = repo.resolve("refs").resolve(revision);
            if (Files.isRegularFile(ref)) {
                String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
                if (COMMIT.matcher(commit).matches() && hasTokenizer(repo.resolve("snapshots").resolve(commit))) {
                    return Optional.of(repo.resolve("snapshots").resolve(commit));
                }
            }
            Path direct = repo.resolve("snapshots").resolve(revision);
            return hasTokenizer(direct) ? Optional.of(direct) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records that {@code revision} of a repo is {@code commit}. */
    public void writeRef(String repoId, String revision, String commit) throws IOException {
        Path refs = Files.createDirectories(repoFolder(repoId).resolve("refs"));
        Files.writeString(refs.resolve(revision), commit, StandardCharsets.UTF_8);
    }

    private static boolean hasTokenizer(Path snapshot) {
        return Files.isRegularFile(snapshot.resolve("tokenizer.json"));
    }
}
