package dev.llmplatform.hfhub;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file in the cache, ready to use.
 *
 * @param path         the snapshot entry {@code snapshots/<commit>/<path>} (a link to its blob)
 * @param commit       the commit the revision is pinned to
 * @param verification what the bytes were checked against
 * @param sha256       the file's sha256 when known (always, except for an unverified file taken from the cache)
 * @param fromCache    whether the file was already in the cache (no download)
 */
public record HubDownload(Path path, String commit, Verification verification, Optional<String> sha256,
                          boolean fromCache) {
}
