package dev.llmplatform.inference.model;

/** Where the served model is in its life. */
public enum ModelState {
    /** Resolving, validating, loading or warming up. */
    LOADING,
    /** Loaded and warmed up; accepting requests. */
    READY,
    /** Refused or failed to load; the log says why. */
    FAILED,
    /** Shutting down: refusing new requests, finishing running ones. */
    DRAINING,
    /** Closed. */
    STOPPED
}
