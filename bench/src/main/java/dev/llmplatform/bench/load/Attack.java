package dev.llmplatform.bench.load;

import java.util.Map;

/**
 * One attack sent while normal traffic runs, what came back, and whether every service process outlived it.
 *
 * @param name        what was sent
 * @param expected    the answer that counts as handled, in words
 * @param answer      what came back
 * @param handled     whether the answer is the expected one
 * @param survived    whether every service process was still running afterwards
 * @param rssBeforeMib each service's resident memory before the attack, by role
 * @param rssAfterMib  each service's resident memory after it, by role
 */
record Attack(String name, String expected, String answer, boolean handled, boolean survived,
        Map<String, Long> rssBeforeMib, Map<String, Long> rssAfterMib) {

    /** What one attack observed, before the survival and memory checks are added. */
    record Outcome(String answer, boolean handled) {
    }
}
