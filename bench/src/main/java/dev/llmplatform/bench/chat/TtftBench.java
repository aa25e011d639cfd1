package dev.llmplatform.bench.chat;

import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.stats.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time to first token of warm paths: {@code warmup} short requests per path, then {@code samples} measured ones,
 * the paths taking turns request by request so that the machine's noise (a build, a JIT burst) falls on all of them
 * alike. A handful of streams right after start-up mostly measures class loading and the JIT, not the path, which is
 * why this phase exists apart from the throughput runs.
 */
final class TtftBench {

    private final ChatRequest chat;
    private final int warmup;
    private final int samples;

    TtftBench(ChatRequest chat, int warmup, int samples) {
        this.chat = chat;
        this.warmup = warmup;
        this.samples = samples;
    }

    /** TTFT summaries (ms) by path name, in the order given; a stream without any text counts as a failure. */
    Result measure(Map<String, StreamPath> paths) {
        System.out.printf("-- TTFT: %d warm-up + %d measured requests per path (max_tokens %d), interleaved%n",
                warmup, samples, chat.maxTokens());
        for (int i = 0; i < warmup; i++) {
            for (StreamPath path : paths.values()) {
                path.stream(chat, 0);
            }
        }
        Map<String, List<Double>> ttft = new LinkedHashMap<>();
        paths.keySet().forEach(name -> ttft.put(name, new ArrayList<>()));
        int failures = 0;
        for (int i = 0; i < samples; i++) {
            for (Map.Entry<String, StreamPath> path : paths.entrySet()) {
                StreamResult result = path.getValue().stream(chat, 0);
                if (result.outcome() != StreamResult.Outcome.COMPLETED || Double.isNaN(result.ttftMs())) {
                    failures++;
                } else {
                    ttft.get(path.getKey()).add(result.ttftMs());
                }
            }
        }
        Map<String, Percentiles.Summary> summaries = new LinkedHashMap<>();
        ttft.forEach((name, values) -> summaries.put(name, Percentiles.of(values).summary()));
        return new Result(summaries, failures);
    }

    /** TTFT (ms) by path, and how many measured streams failed or carried no text. */
    record Result(Map<String, Percentiles.Summary> byPath, int failures) {
    }
}
