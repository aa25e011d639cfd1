package dev.llmplatform.bench.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.StreamResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathBenchTest {

    private static final ChatRequest LONG = new ChatRequest("m", "p", 100, 0.0, 1);
    private static final ChatRequest SHORT = new ChatRequest("m", "p", 4, 0.0, 1);

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Test
    void warmsEachPathWithLongAndShortRequestsThenMeasuresThePathsInTurns() {
        Map<String, StreamPath> paths = new LinkedHashMap<>();
        paths.put("a", recording("a", 1_000_000));
        paths.put("b", recording("b", 2_000_000));

        List<PathFigures> figures = new PathBench(LONG, SHORT, 2, 2, 0).measure(paths);

        List<String> expected = List.of(
                "a100", "a4", "b100", "b4", // warm-up: one of each when no time is given
                "a100", "b100", "a100", "b100", // single streams, in turns
                "a100", "a100", "b100", "b100", "a100", "a100", "b100", "b100"); // sequential rounds of 2
        assertEquals(expected, calls.subList(0, expected.size()));
        assertEquals(expected.size() + 8 + 4, calls.size(), "then two concurrent rounds of 2 per path, each followed by"
                + " one stream alone");
        assertEquals(List.of("a", "b"), figures.stream().map(PathFigures::name).toList());
        assertEquals(100.0, figures.get(0).tokensPerStream());
        assertEquals(100 / 0.001, figures.get(0).singleTps(), 1e-6, "100 tokens in 1 ms");
        assertEquals(100 / 0.002, figures.get(1).singleTps(), 1e-6, "100 tokens in 2 ms");
        assertEquals(99 / 0.0005, figures.get(0).singleDecodeTps(), 1e-6, "99 tokens after the first in 0.5 ms");
        assertEquals(99 / 0.0005, figures.get(0).afterConcurrentDecodeTps(), 1e-6);
        assertEquals(0.5 / 99, figures.get(0).tpotMs(), 1e-9);
        assertEquals(0, figures.get(0).failures());
    }

    @Test
    void countsTheStreamsThatFailedPerPath() {
        Map<String, StreamPath> paths = new LinkedHashMap<>();
        paths.put("ok", recording("ok", 1_000_000));
        paths.put("broken", (chat, index) -> StreamResult.failed("gRPC UNAVAILABLE", 1000));

        List<PathFigures> figures = new PathBench(LONG, SHORT, 1, 3, 0).measure(paths);

        assertEquals(0, figures.get(0).failures());
        assertEquals(1 + 3 + 3 + 1, figures.get(1).failures(), "1 single, 3 sequential, 3 concurrent, 1 after them");
    }

    /** A path that answers at once with a stream of the asked length that "took" {@code nanos}, half before TTFT. */
    private StreamPath recording(String name, long nanos) {
        return (chat, index) -> {
            calls.add(name + chat.maxTokens());
            return new StreamResult(StreamResult.Outcome.COMPLETED, "", nanos / 2, nanos, chat.maxTokens(), "x", 0,
                    "stop");
        };
    }
}
