package dev.llmplatform.gateway.inference;

/**
 * The time limits of one Generate stream: its deadline, the accept timeout (the service's first message, a Progress
 * sent on receipt, must come within it) and the stall timeout (the longest silence once the stream has started; the
 * service sends a Progress every heartbeat interval while it has nothing else to say).
 */
record StreamTimeouts(long deadlineMillis, long acceptMillis, long stallMillis) {
}
