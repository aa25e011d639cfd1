package dev.llmplatform.bench.load;

import java.util.Set;

/**
 * One bad input sent to the running platform and what came back.
 *
 * @param item     the item number in BAD-INPUTS.md
 * @param name     what was sent
 * @param expected the answers that count as handled (HTTP statuses, gRPC codes, WS close codes, as text)
 * @param actual   what came back
 * @param ok       whether it was handled: an expected answer, with a clean JSON error body where one applies
 * @param detail   a short excerpt of the answer
 */
record BadInputCase(int item, String name, Set<String> expected, String actual, boolean ok, String detail) {

    /** Whether an error body leaks internals: a stack trace, a Java source reference or an exception name. */
    static boolean leaks(String body) {
        return body != null && (body.contains("\tat ") || body.contains(".java:") || body.contains("Exception")
                || body.contains("/root/") || body.contains("/home/"));
    }
}
