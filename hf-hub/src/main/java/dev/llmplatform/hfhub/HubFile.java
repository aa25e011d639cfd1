package dev.llmplatform.hfhub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One file of a model repository at a revision. Every part is checked, so no file can name a path outside the
 * repository's cache folder.
 *
 * @param repoId   {@code org/name} (or a bare legacy {@code name})
 * @param revision a branch, tag or commit hash ({@code main} by default)
 * @param path     the file's path inside the repository, segments separated by {@code /}
 */
public record HubFile(String repoId, String revision, String path) {

    /** The branch {@code huggingface_hub} downloads when none is named. */
    public static final String DEFAULT_REVISION = "main";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern REVISION_SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** Checks the parts. */
    public HubFile {
        checkRepoId(repoId);
        checkRevision(revision);
        checkPath(path);
    }

    /** A file at {@link #DEFAULT_REVISION}. */
    public static HubFile of(String repoId, String path) {
        return new HubFile(repoId, DEFAULT_REVISION, path);
    }

    /** The same file at another revision (for example the commit it resolved to). */
    public HubFile atRevision(String other) {
        return new HubFile(repoId, other, path);
    }

    /** Whether the revision is a full commit hash (then the cache needs no ref to find it). */
    public boolean revisionIsCommit() {
        return isCommit(revision);
    }

    /** Whether {@code value} is a full commit hash: 40 lower-case hex digits. */
    public static boolean isCommit(String value) {
        return value != null && COMMIT.matcher(value).matches();
    }

    /** The Hub's resolve URL: {@code <endpoint>/<repo>/resolve/<revision>/<path>}. */
    public URI resolveUrl(URI endpoint) {
        StringBuilder url = new StringBuilder(endpoint.toString()).append('/').append(repoId).append("/resolve/")
                .append(encode(revision));
        for (String segment : path.split("/")) {
            url.append('/').append(encode(segment));
        }
        return URI.create(url.toString());
    }

    /** {@code org/name/path@revision}, for messages. */
    @Override
    public String toString() {
        return repoId + "/" + path + "@" + revision;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void checkRepoId(String repoId) {
        if (repoId == null) {
            throw new IllegalArgumentException("repository id is required");
        }
        String[] parts = repoId.split("/", -1);
        boolean valid = parts.length <= 2 && !repoId.contains("--") && !repoId.contains("..");
        for (String part : parts) {
            valid &= NAME.matcher(part).matches();
        }
        if (!valid) {
            throw new IllegalArgumentException("\"" + repoId + "\" is not a repository id (org/name)");
        }
    }

    private static void checkRevision(String revision) {
        if (revision == null || revision.length() > 256) {
            throw new IllegalArgumentException("revision is required (at most 256 characters)");
        }
        for (String segment : revision.split("/", -1)) {
            if (!REVISION_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("\"" + revision + "\" is not a revision");
            }
        }
    }

    private static void checkPath(String path) {
        if (path == null || path.isEmpty() || path.length() > 1024) {
            throw new IllegalArgumentException("file path is required (at most 1024 characters)");
        }
        for (String segment : path.split("/", -1)) {
            boolean valid = !segment.isEmpty() && !segment.equals(".") && !segment.equals("..")
                    && segment.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
            if (!valid) {
                throw new IllegalArgumentException("\"" + path + "\" is not a file path inside a repository");
            }
        }
    }
}
