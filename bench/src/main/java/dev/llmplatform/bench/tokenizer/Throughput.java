package dev.llmplatform.bench.tokenizer;

import dev.llmplatform.bench.stats.Warmup;
import dev.llmplatform.testkit.stats.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Times passes over a corpus: warm-up passes for at least {@code warmupSeconds} (at least one: a service JVM reaches
 * its steady speed only after tens of seconds of work, the library in the bench JVM after a few passes, and a single
 * warm-up pass measured the JIT rather than the path), then {@code runs} measured passes; the figure is the median MB/s
 * (10^6 UTF-8 bytes per second), and the token total of the last pass is kept to compare paths.
 *
 * @param mbPerSecond median MB/s; NaN when the path failed
 * @param tokens      tokens counted in one pass; -1 when the path failed
 * @param error       why the path failed, or empty
 */
record Throughput(double mbPerSecond, long tokens, String error) {

    /** Measures {@code pass}, which processes the whole corpus once and returns the token total. */
    static Throughput measure(Corpus corpus, int runs, int warmupSeconds, ToLongFunction<Corpus> pass) {
        try {
            Warmup.forSeconds(warmupSeconds, () -> pass.applyAsLong(corpus));
            List<Double> rates = new ArrayList<>();
            long tokens = 0;
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                tokens = pass.applyAsLong(corpus);
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.add(corpus.bytes() / 1e6 / seconds);
            }
            return new Throughput(Percentiles.of(rates).median(), tokens, "");
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            return new Throughput(Double.NaN, -1, message.lines().findFirst().orElse(message));
        }
    }

    /** The documents in consecutive batches of at most {@code size}. */
    static List<List<String>> batches(List<String> documents, int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < documents.size(); i += size) {
            batches.add(documents.subList(i, Math.min(documents.size(), i + size)));
        }
        return batches;
    }
}
