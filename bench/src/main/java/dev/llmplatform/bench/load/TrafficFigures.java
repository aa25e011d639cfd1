package dev.llmplatform.bench.load;

import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.stats.Percentiles;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of streams adds up to (pure; no I/O).
 *
 * @param sent            streams started
 * @param completed       ended normally
 * @param failed          ended with an explicit error
 * @param cancelled       cancelled by the client on purpose
 * @param truncated       ended without a final event/frame and without an error
 * @param hung            did not end within their deadline
 * @param rejected        refused for load (HTTP 429, RESOURCE_EXHAUSTED, a rate-limit error frame)
 * @param errorsByClass   count per error class of the failed, truncated and hung streams
 * @param invalidUtf8     chunks that were not well-formed UTF-8
 * @param ttftMs          time to first token of completed streams
 * @param tpotMs          time per output token after the first, completed streams
 * @param e2eMs           end-to-end latency of completed streams
 * @param tokens          completion tokens of completed and cancelled streams
 * @param tokensPerSecond tokens over the wall-clock seconds given
 */
public record TrafficFigures(long sent, long completed, long failed, long cancelled, long truncated, long hung,
        long rejected, Map<String, Long> errorsByClass, long invalidUtf8, Percentiles.Summary ttftMs,
        Percentiles.Summary tpotMs, Percentiles.Summary e2eMs, long tokens, double tokensPerSecond) {

    /** Aggregates streams that ran during {@code seconds} of wall-clock time. */
    public static TrafficFigures of(Collection<StreamResult> results, double seconds) {
        Map<String, Long> errors = new TreeMap<>();
        long completed = 0;
        long failed = 0;
        long cancelled = 0;
        long truncated = 0;
        long hung = 0;
        long rejected = 0;
        long invalid = 0;
        long tokens = 0;
        for (StreamResult r : results) {
            invalid += r.invalidUtf8Chunks();
            switch (r.outcome()) {
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case TRUNCATED -> truncated++;
                case HUNG -> hung++;
                default -> throw new IllegalStateException("unknown outcome " + r.outcome());
            }
            if (r.outcome() == StreamResult.Outcome.COMPLETED || r.outcome() == StreamResult.Outcome.CANCELLED) {
                tokens += r.completionTokens();
            } else {
                errors.merge(r.errorClass().isEmpty() ? r.outcome().name() : r.errorClass(), 1L, Long::sum);
                rejected += isRejection(r.errorClass()) ? 1 : 0;
            }
        }
        var ok = results.stream().filter(r -> r.outcome() == StreamResult.Outcome.COMPLETED).toList();
        return new TrafficFigures(results.size(), completed, failed, cancelled, truncated, hung, rejected,
                Map.copyOf(errors), invalid,
                Percentiles.of(ok.stream().map(StreamResult::ttftMs).toList()).summary(),
                Percentiles.of(ok.stream().map(StreamResult::tpotMs).toList()).summary(),
                Percentiles.of(ok.stream().map(StreamResult::totalMs).toList()).summary(), tokens,
                seconds > 0 ? tokens / seconds : Double.NaN);
    }

    /** Whether an error class means "refused for load". */
    static boolean isRejection(String errorClass) {
        String c = errorClass.toLowerCase(java.util.Locale.ROOT);
        return c.contains("429") || c.contains("resource_exhausted") || c.contains("rate_limit")
                || c.contains("overloaded") || c.contains("too_many");
    }

    /** Rejected streams over streams sent; NaN when none were sent. */
    public double rejectionRate() {
        return sent == 0 ? Double.NaN : (double) rejected / sent;
    }
}
