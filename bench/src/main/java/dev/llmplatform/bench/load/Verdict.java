package dev.llmplatform.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The must-be-zero figures of a load run and whether they are all zero (pure; no I/O).
 *
 * @param mustBeZero every must-be-zero figure by name, in report order
 */
public record Verdict(Map<String, Long> mustBeZero) {

    /** A verdict over the given figures (copied, order kept). */
    public Verdict {
        mustBeZero = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mustBeZero));
    }

    /** The figures that are not zero. */
    public Map<String, Long> violations() {
        Map<String, Long> bad = new LinkedHashMap<>();
        mustBeZero.forEach((name, value) -> {
            if (value != 0) {
                bad.put(name, value);
            }
        });
        return bad;
    }

    /** Whether every must-be-zero figure is zero. */
    public boolean passed() {
        return violations().isEmpty();
    }

    /** The process exit status: 0 when passed, 1 otherwise. */
    public int exitStatus() {
        return passed() ? 0 : 1;
    }
}
