package dev.llmplatform.bench.chat;

import dev.llmplatform.testkit.stats.Percentiles;

/**
 * The figures of one path.
 *
 * @param name          the path
 * @param tokensPerStream median completion tokens per stream
 * @param singleTps     median tokens/s of one stream alone (completion tokens / end-to-end seconds)
 * @param singleDecodeTps median decode tokens/s of one stream alone (tokens after the first / seconds from the first
 *                      text to the end)
 * @param singleTtft    TTFT (ms) of the single-stream runs
 * @param sequentialTps aggregate tokens/s of N streams one after another (median over runs)
 * @param concurrentTps aggregate tokens/s of N streams at once (median over runs)
 * @param concurrentTtft TTFT (ms) of the concurrent streams
 * @param afterConcurrentDecodeTps median decode tokens/s of one stream alone right after each concurrent round
 * @param tpotMs        median time per output token over all completed streams of the path
 * @param failures      streams that did not complete
 */
record PathFigures(String name, double tokensPerStream, double singleTps, double singleDecodeTps,
        Percentiles.Summary singleTtft,
        double sequentialTps, double concurrentTps, Percentiles.Summary concurrentTtft,
        double afterConcurrentDecodeTps, double tpotMs, int failures) {
}
