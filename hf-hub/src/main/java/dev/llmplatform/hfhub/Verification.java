package dev.llmplatform.hfhub;

/** What a file's bytes were checked against. */
public enum Verification {
    /** The sha256 the caller recorded (for example a catalogue's). */
    EXPECTED_SHA256,
    /** The sha256 the Hub publishes for the file (the etag of an LFS file). */
    HUB_SHA256,
    /** Nothing: the Hub gives no sha256 for the file and the caller recorded none; allowed by the options. */
    UNVERIFIED
}
