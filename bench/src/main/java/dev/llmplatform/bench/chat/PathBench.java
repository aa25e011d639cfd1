package dev.llmplatform.bench.chat;

import dev.llmplatform.bench.stats.Warmup;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.stats.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures paths side by side. Warm-up per path, by time: the first half full-length streams (the per-token code), the
 * second half short requests (the per-request code - dispatch, validation, stream set-up and end - runs once per
 * request and stays interpreted for the first thousands of requests: on stories260K a warm gRPC request spends 0.3 ms
 * between client and service method, a cold one 2-4 ms). Then {@code runs} single streams, {@code runs} rounds of N
 * sequential streams and {@code runs} rounds of N concurrent streams, each round followed by one stream alone with
 * another prompt (its decode speed shows what the cells the round left in idle slots cost a lone stream), the paths
 * taking turns run by run, so that the
 * drift of a shared machine over minutes falls on every path alike rather than on whichever path ran last. Medians
 * over runs; TTFT percentiles over all streams of a kind.
 */
final class PathBench {

    private static final long ROUND_TIMEOUT_MINUTES = 10;
    private final ChatRequest chat;
    private final ChatRequest shortChat;
    private final ChatRequest afterChat;
    private final int runs;
    private final int concurrency;
    private final int warmupSeconds;

    /**
     * @param chat      the measured request
     * @param shortChat a short request for the per-request half of the warm-up
     */
    PathBench(ChatRequest chat, ChatRequest shortChat, int runs, int concurrency, int warmupSeconds) {
        this.chat = chat;
        this.shortChat = shortChat;
        this.afterChat = new ChatRequest(chat.model(), chat.prompt() + " The next day", chat.maxTokens(),
                chat.temperature(), chat.seed());
        this.runs = runs;
        this.concurrency = concurrency;
        this.warmupSeconds = warmupSeconds;
    }

    /** Warms every path, then measures them in turns; figures in the order of {@code paths}. */
    List<PathFigures> measure(Map<String, StreamPath> paths) {
        paths.forEach(this::warmUp);
        Map<String, Samples> samples = new LinkedHashMap<>();
        paths.keySet().forEach(name -> samples.put(name, new Samples()));
        for (int r = 0; r < runs; r++) {
            paths.forEach((name, path) -> samples.get(name).single(path.stream(chat, 0)));
        }
        for (int r = 0; r < runs; r++) {
            paths.forEach((name, path) -> samples.get(name).sequential(sequentialRound(path)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (int r = 0; r < runs; r++) {
                paths.forEach((name, path) -> {
                    samples.get(name).concurrent(concurrentRound(pool, path));
                    samples.get(name).afterConcurrent(path.stream(afterChat, 0));
                });
            }
        } finally {
            pool.shutdownNow();
        }
        List<PathFigures> figures = new ArrayList<>();
        samples.forEach((name, s) -> figures.add(s.figures(name)));
        return figures;
    }

    private void warmUp(String name, StreamPath path) {
        int half = (warmupSeconds + 1) / 2;
        int streams = Warmup.forSeconds(half, () -> path.stream(chat, 0));
        int requests = Warmup.forSeconds(warmupSeconds - half, () -> path.stream(shortChat, 0));
        System.out.printf("-- %s: warmed up with %d stream(s) of %d tokens and %d of %d%n", name, streams,
                chat.maxTokens(), requests, shortChat.maxTokens());
    }

    private Round sequentialRound(StreamPath path) {
        long start = System.nanoTime();
        List<StreamResult> results = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            results.add(path.stream(chat, i));
        }
        return new Round(results, System.nanoTime() - start);
    }

    private Round concurrentRound(ExecutorService pool, StreamPath path) {
        long start = System.nanoTime();
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
        return new Round(results, System.nanoTime() - start);
    }

    /** N streams and the wall time they took together. */
    private record Round(List<StreamResult> results, long nanos) {

        double tokensPerSecond() {
            return results.stream().mapToInt(StreamResult::completionTokens).sum() / (nanos / 1e9);
        }
    }

    /** What one path's runs produced. */
    private static final class Samples {

        private final List<StreamResult> all = new ArrayList<>();
        private final List<Double> singleTps = new ArrayList<>();
        private final List<Double> singleDecodeTps = new ArrayList<>();
        private final List<Double> singleTtft = new ArrayList<>();
        private final List<Double> sequentialTps = new ArrayList<>();
        private final List<Double> concurrentTps = new ArrayList<>();
        private final List<Double> concurrentTtft = new ArrayList<>();
        private final List<Double> afterConcurrentDecodeTps = new ArrayList<>();

        void afterConcurrent(StreamResult result) {
            all.add(result);
            afterConcurrentDecodeTps.add(1000 / result.tpotMs());
        }

        void single(StreamResult result) {
            all.add(result);
            singleTps.add(result.completionTokens() / (result.totalNanos() / 1e9));
            singleDecodeTps.add(1000 / result.tpotMs());
            singleTtft.add(result.ttftMs());
        }

        void sequential(Round round) {
            all.addAll(round.results());
            sequentialTps.add(round.tokensPerSecond());
        }

        void concurrent(Round round) {
            all.addAll(round.results());
            concurrentTps.add(round.tokensPerSecond());
            round.results().forEach(result -> concurrentTtft.add(result.ttftMs()));
        }

        PathFigures figures(String name) {
            List<StreamResult> failed = all.stream().filter(r -> r.outcome() != StreamResult.Outcome.COMPLETED)
                    .toList();
            failed.stream().limit(3).forEach(r ->
                    System.out.printf("   %s: a stream ended %s (%s)%n", name, r.outcome(), r.errorClass()));
            double tokens = Percentiles.of(all.stream().map(StreamResult::completionTokens).toList()).median();
            return new PathFigures(name, tokens, Percentiles.of(singleTps).median(),
                    Percentiles.of(singleDecodeTps).median(), Percentiles.of(singleTtft).summary(),
                    Percentiles.of(sequentialTps).median(), Percentiles.of(concurrentTps).median(),
                    Percentiles.of(concurrentTtft).summary(), Percentiles.of(afterConcurrentDecodeTps).median(),
                    Percentiles.of(all.stream().filter(r -> r.outcome() == StreamResult.Outcome.COMPLETED)
                            .map(StreamResult::tpotMs).toList()).median(),
                    failed.size());
        }
    }
}
