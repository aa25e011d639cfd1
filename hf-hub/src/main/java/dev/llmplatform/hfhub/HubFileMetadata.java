package dev.llmplatform.hfhub;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What the Hub says about a file in answer to a HEAD of its resolve URL, read as {@code huggingface_hub}'s
 * {@code get_hf_file_metadata} reads it.
 *
 * @param commit   the commit the revision resolved to ({@code X-Repo-Commit})
 * @param etag     the normalized etag ({@code X-Linked-Etag}, else {@code ETag}, without a {@code W/} prefix and
 *                 quotes): the sha256 of an LFS file, the git blob sha1 of any other file
 * @param sha256   the etag when it is a sha256 (64 hex digits), that is when the Hub publishes the file's sha256
 *                 (an LFS file); see {@link #gitBlobSha1()} for the other files
 * @param size     the file's size ({@code X-Linked-Size}, else {@code Content-Length} of a non-redirect answer)
 * @param location where the bytes are: the redirect's {@code Location} (for LFS files a CDN), else the resolve URL
 */
public record HubFileMetadata(String commit, String etag, Optional<String> sha256, OptionalLong size,
                              URI location) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    /** Checks the values: the commit is a full hash, and the etag can name a cache file. */
    public HubFileMetadata {
        if (!HubFile.isCommit(commit)) {
            throw new IllegalArgumentException("\"" + commit + "\" is not a commit hash");
        }
        if (etag == null || !SAFE_ETAG.matcher(etag).matches()) {
            throw new IllegalArgumentException("\"" + etag + "\" cannot name a cache file");
        }
        if (sha256 == null || size == null || location == null) {
            throw new IllegalArgumentException("sha256, size and location must not be null");
        }
    }

    /**
     * Reads the metadata from the answer to a HEAD.
     *
     * @param requestUrl the URL the HEAD was sent to (the location when there is no redirect)
     * @param headers    the answer's headers
     * @param redirect   whether the answer is a redirect (its {@code Content-Length} is then not the file's)
     * @param file       the file, for messages
     * @throws HubException ({@link HubException.Reason#INVALID_RESPONSE}) when the commit or etag is missing or
     *                      malformed
     */
    public static HubFileMetadata fromHeaders(URI requestUrl, HttpHeaders headers, boolean redirect, HubFile file)
            throws HubException {
        String commit = headers.firstValue("X-Repo-Commit").map(String::strip).orElse(null);
        if (!HubFile.isCommit(commit)) {
            throw new HubException(HubException.Reason.INVALID_RESPONSE, "the answer of " + requestUrl + " for "
                    + file + (commit == null ? " has no X-Repo-Commit header"
                    : " names \"" + commit + "\" as commit, which is not a commit hash")
                    + "; is " + requestUrl.getHost() + " a Hugging Face Hub (HF_ENDPOINT)?");
        }
        Optional<String> etag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag"))
                .map(HubFileMetadata::normalizeEtag);
        if (etag.isEmpty() || !SAFE_ETAG.matcher(etag.get()).matches()) {
            throw new HubException(HubException.Reason.INVALID_RESPONSE, "the answer of " + requestUrl + " for "
                    + file + (etag.isEmpty() ? " has no ETag" : " has an ETag that cannot name a cache file"));
        }
        OptionalLong size = parseSize(headers.firstValue("X-Linked-Size").orElse(null));
        if (size.isEmpty() && !redirect) {
            size = parseSize(headers.firstValue("Content-Length").orElse(null));
        }
        URI location = headers.firstValue("Location").map(requestUrl::resolve).orElse(requestUrl);
        String value = etag.get();
        Optional<String> sha256 = SHA256.matcher(value).matches() ? Optional.of(value) : Optional.empty();
        return new HubFileMetadata(commit, value, sha256, size, location);
    }

    /**
     * The etag when it is a git blob sha1 (40 hex digits), that is for a file not stored with LFS: the Hub's only
     * hash for it, {@code sha1("blob " + size + "\0" + bytes)} ({@link GitBlobSha1}).
     */
    public Optional<String> gitBlobSha1() {
        return GitBlobSha1.isSha1(etag) ? Optional.of(etag) : Optional.empty();
    }

    /** An etag without a {@code W/} weak prefix and without its quotes. */
    public static String normalizeEtag(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static OptionalLong parseSize(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long size = Long.parseLong(value.strip());
            return size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
