package dev.llmplatform.inference.generation;

import java.util.List;

/**
 * Finds stop strings in streamed text and holds back any tail that could be the start of one.
 *
 * <p>{@link #accept(String)} returns the text that can be released now. Text that could still become a stop string
 * is kept until the next piece decides it; a stop string and everything after it is never released. The boundary of
 * released text never falls between the two halves of a surrogate pair, so every released string is complete
 * UTF-16 and therefore encodes as valid UTF-8.
 */
public final class StopStringMatcher {

    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    /** A matcher for the given stop strings (none: everything is released at once). */
    public StopStringMatcher(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /**
     * Adds generated text.
     *
     * @return the text that can be sent now (possibly empty)
     */
    public String accept(String text) {
        if (stopped) {
            return "";
        }
        held.append(text);
        int match = earliestMatch();
        if (match >= 0) {
            stopped = true;
            String released = held.substring(0, match);
            held.setLength(0);
            return released;
        }
        int releasable = held.length() - longestPartialSuffix();
        if (releasable > 0 && Character.isHighSurrogate(held.charAt(releasable - 1))) {
            releasable--;
        }
        String released = held.substring(0, releasable);
        held.delete(0, releasable);
        return released;
    }

    /** Whether a stop string was produced. */
    public boolean stopped() {
        return stopped;
    }

    /** The text still held back, released when generation ends without a stop string. */
    public String flush() {
        String rest = held.toString();
        held.setLength(0);
        return rest;
    }

    private int earliestMatch() {
        int earliest = -1;
        for (String stop : stops) {
            int at = held.indexOf(stop);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
            }
        }
        return earliest;
    }

    /** Length of the longest tail of the held text that is a proper prefix of a stop string. */
    private int longestPartialSuffix() {
        int best = 0;
        String text = held.toString();
        for (String stop : stops) {
            int max = Math.min(stop.length() - 1, text.length());
            for (int length = max; length > best; length--) {
                if (text.regionMatches(text.length() - length, stop, 0, length)) {
                    best = length;
                    break;
                }
            }
        }
        return best;
    }
}
