package dev.llmplatform.bench.chat;

import dev.llmplatform.bench.client.ChatRequest;
import dev.llmplatform.bench.client.StreamResult;
import dev.llmplatform.bench.stats.Percentiles;
import dev.llmplatform.bench.stats.Warmup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures one path: warm-up (streams until {@code warmupSeconds} have passed, at least one: a service JVM runs its
 * per-token code interpreted for its first few thousand tokens, so a single warm-up stream on a small model measures
 * the JIT, not the path), then {@code runs} single streams, {@code runs} rounds of N sequential streams and
 * {@code runs} rounds of N concurrent streams. Medians over runs; TTFT percentiles over all streams of a kind.
 */
final class PathBench {

    private static final long ROUND_TIMEOUT_MINUTES = 10;
    private final ChatRequest chat;
    private final int runs;
    private final int concurrency;
    private final int warmupSeconds;

    PathBench(ChatRequest chat, int runs, int concurrency, int warmupSeconds) {
        this.chat = chat;
        this.runs = runs;
        this.concurrency = concurrency;
        this.warmupSeconds = warmupSeconds;
    }

    PathFigures measure(String name, StreamPath path) {
        int warmups = Warmup.forSeconds(warmupSeconds, () -> path.stream(chat, 0));
        System.out.printf("-- %s: warmed up with %d stream(s)%n", name, warmups);
        List<StreamResult> all = new ArrayList<>();
        List<Double> singleTps = new ArrayList<>();
        List<Double> singleDecodeTps = new ArrayList<>();
        List<Double> singleTtft = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            StreamResult result = path.stream(chat, 0);
            all.add(result);
            singleTps.add(result.completionTokens() / (result.totalNanos() / 1e9));
            singleDecodeTps.add(1000 / result.tpotMs());
            singleTtft.add(result.ttftMs());
        }
        List<Double> sequentialTps = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            int tokens = 0;
            for (int i = 0; i < concurrency; i++) {
                StreamResult result = path.stream(chat, i);
                all.add(result);
                tokens += result.completionTokens();
            }
            sequentialTps.add(tokens / ((System.nanoTime() - start) / 1e9));
        }
        List<Double> concurrentTps = new ArrayList<>();
        List<Double> concurrentTtft = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                List<StreamResult> round = concurrentRound(pool, path);
                double seconds = (System.nanoTime() - start) / 1e9;
                all.addAll(round);
                concurrentTps.add(round.stream().mapToInt(StreamResult::completionTokens).sum() / seconds);
                round.forEach(result -> concurrentTtft.add(result.ttftMs()));
            }
        } finally {
            pool.shutdownNow();
        }
        int failures = (int) all.stream().filter(r -> r.outcome() != StreamResult.Outcome.COMPLETED).count();
        all.stream().filter(r -> r.outcome() != StreamResult.Outcome.COMPLETED).limit(3).forEach(r ->
                System.out.printf("   %s: a stream ended %s (%s)%n", name, r.outcome(), r.errorClass()));
        double tokens = Percentiles.of(all.stream().map(StreamResult::completionTokens).toList()).median();
        return new PathFigures(name, tokens, Percentiles.of(singleTps).median(),
                Percentiles.of(singleDecodeTps).median(), Percentiles.of(singleTtft).summary(),
                Percentiles.of(sequentialTps).median(), Percentiles.of(concurrentTps).median(),
                Percentiles.of(concurrentTtft).summary(), failures);
    }

    private List<StreamResult> concurrentRound(ExecutorService pool, StreamPath path) {
        List<Future<StreamResult>> futures = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int index = i;
            futures.add(pool.submit(() -> path.stream(chat, index)));
        }
        List<StreamResult> results = new ArrayList<>();
        for (Future<StreamResult> future : futures) {
            try {
                results.add(future.get(ROUND_TIMEOUT_MINUTES, TimeUnit.MINUTES));
            } catch (TimeoutException e) {
                future.cancel(true);
                results.add(StreamResult.failed("round timeout", TimeUnit.MINUTES.toNanos(ROUND_TIMEOUT_MINUTES)));
            } catch (Exception e) {
                results.add(StreamResult.failed(e.getClass().getSimpleName(), 0));
            }
        }
        return results;
    }
}
