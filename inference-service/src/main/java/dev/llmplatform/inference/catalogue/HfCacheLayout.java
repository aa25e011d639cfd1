package dev.llmplatform.inference.catalogue;

import java.nio.file.Path;

/**
 * Paths of the Hugging Face cache: {@code $HF_HOME/hub/models--<org>--<name>/{blobs,snapshots,refs}}; a snapshot
 * file is a relative link to {@code blobs/<sha256>}, as {@code huggingface_hub} lays it out.
 */
public record HfCacheLayout(Path hfHome) {

    /** The repository folder. */
    public Path repoDir(String repo) {
        return hfHome.resolve("hub").resolve("models--" + repo.replace("/", "--"));
    }

    /** A blob by its sha256. */
    public Path blob(String repo, String sha256) {
        return repoDir(repo).resolve("blobs").resolve(sha256);
    }

    /** The partial download of a file, resumed across restarts. */
    public Path partial(String repo, String key) {
        return repoDir(repo).resolve("blobs").resolve(key + ".incomplete");
    }

    /** The snapshot path of a file at a commit (or revision name when the server gave no commit). */
    public Path snapshotFile(String repo, String commit, String file) {
        return repoDir(repo).resolve("snapshots").resolve(commit).resolve(file);
    }

    /** The ref file that maps a revision name to a commit. */
    public Path ref(String repo, String revision) {
        return repoDir(repo).resolve("refs").resolve(revision);
    }
}
