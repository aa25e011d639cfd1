package dev.llmplatform.hfhub;

/** What a file's bytes were checked against. */
public enum Verification {
    /** The sha256 the caller recorded (for example a catalogue's). */
    EXPECTED_SHA256,
    /** The sha256 the Hub publishes for the file (the etag of an LFS file). */
    HUB_SHA256,
    /**
     * The git blob sha1 the Hub publishes as the etag of a file that is not stored with LFS (a tokenizer.json, a
     * config.json): {@code sha1("blob " + size + "\0" + bytes)}, as git computes it. The Hub gives no sha256 for such
     * a file, so this is the hash it can be checked against.
     */
    HUB_GIT_SHA1,
    /** Nothing: the Hub gives no hash for the file and the caller recorded none; allowed by the options. */
    UNVERIFIED
}
