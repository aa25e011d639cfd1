package dev.llmplatform.hfhub;

import java.io.IOException;

/**
 * A download or cache operation that failed, with a message that says what failed and what to do. Messages never
 * contain the access token, nor the query of a (signed) CDN URL.
 */
public final class HubException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, for callers that react differently (for example, "not found" is no error). */
    public enum Reason {
        /** The repository, revision or file does not exist (HTTP 404). */
        NOT_FOUND,
        /** The Hub refused access: a private or gated repository, or a missing or refused token (HTTP 401/403). */
        ACCESS_DENIED,
        /** Another HTTP error status. */
        HTTP_ERROR,
        /** The server could not be reached, or the transfer broke off or stalled; a partial download is kept. */
        NETWORK,
        /** A cache or partial file could not be read or written. */
        STORAGE,
        /** The server's answer lacks what the Hub always sends (commit, etag) or is malformed. */
        INVALID_RESPONSE,
        /** The bytes do not have the expected sha256; the download was deleted. */
        CHECKSUM_MISMATCH,
        /** The Hub publishes no sha256 for the file, none was given, and unverified files are not allowed. */
        NO_HUB_HASH,
        /** Offline mode, and the file is not in the cache (or the cached copy cannot be used). */
        NOT_CACHED_OFFLINE,
        /** The file is larger than the configured limit. */
        TOO_LARGE
    }

    private final Reason reason;

    /** A failure of the given kind. */
    public HubException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A failure of the given kind with its cause. */
    public HubException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What kind of failure this is. */
    public Reason reason() {
        return reason;
    }
}
