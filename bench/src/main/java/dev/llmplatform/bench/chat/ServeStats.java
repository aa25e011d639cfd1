package dev.llmplatform.bench.chat;

import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.stats.Percentiles;
import java.util.List;

/**
 * The figures {@code vllm bench serve} reports, over the requests of one path: time to first token, time per output
 * token after the first (TPOT, the mean inter-token latency of each request) and end-to-end latency as p50/p90/p99
 * (nearest rank), request throughput (completed requests over the seconds the path's requests took together: the
 * requests run one at a time, so this is 1 / mean latency) and goodput (the share of requests whose TTFT met the
 * target).
 *
 * @param requests    requests sent
 * @param completed   requests that completed
 * @param ttftMs      TTFT, ms
 * @param tpotMs      TPOT, ms
 * @param e2eMs       end-to-end latency, ms
 * @param requestsPerSecond completed requests per second of the path's own time
 * @param goodput     share of the requests (0 to 1) that completed with TTFT within {@code ttftTargetMs}
 * @param ttftTargetMs the goodput target
 */
record ServeStats(int requests, int completed, Percentiles.Summary ttftMs, Percentiles.Summary tpotMs,
                  Percentiles.Summary e2eMs, double requestsPerSecond, double goodput, double ttftTargetMs) {

    /** The figures of these results. */
    static ServeStats of(List<StreamResult> results, double ttftTargetMs) {
        List<StreamResult> done = results.stream().filter(r -> r.outcome() == StreamResult.Outcome.COMPLETED)
                .toList();
        double seconds = results.stream().mapToDouble(StreamResult::totalMs).sum() / 1000;
        long good = done.stream().filter(r -> r.ttftMs() <= ttftTargetMs).count();
        return new ServeStats(results.size(), done.size(),
                Percentiles.of(done.stream().map(StreamResult::ttftMs).toList()).summary(),
                Percentiles.of(done.stream().map(StreamResult::tpotMs).toList()).summary(),
                Percentiles.of(done.stream().map(StreamResult::totalMs).toList()).summary(),
                seconds > 0 ? done.size() / seconds : Double.NaN,
                results.isEmpty() ? Double.NaN : (double) good / results.size(), ttftTargetMs);
    }
}
