package dev.llmplatform.bench.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.StreamResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiTurnBenchTest {

    @Test
    void eachTurnCarriesTheHistoryWithThePathsOwnAnswersAndThePathsTakeTurnsTurnByTurn() {
        List<String> calls = new ArrayList<>();
        Map<String, MultiTurnBench.TurnPath> paths = new LinkedHashMap<>();
        for (String name : List.of("a", "b")) {
            paths.put(name, (messages, sampling) -> {
                calls.add(name + messages.size());
                String answer = name + "-answer-" + messages.size();
                for (int i = 1; i < messages.size(); i += 2) {
                    assertEquals("assistant", messages.get(i).get("role"));
                    assertEquals(name + "-answer-" + i, messages.get(i).get("content"), "the path's own answer");
                }
                assertEquals("user", messages.get(messages.size() - 1).get("role"));
                return new StreamResult(StreamResult.Outcome.COMPLETED, "", 1_000_000L * messages.size(),
                        4_000_000, 8, answer, 0, "length");
            });
        }
        Map<String, List<List<StreamResult>>> results = new MultiTurnBench(new ChatRequest("m", "", 8, 0, 1), 2, 3, 4)
                .measure(paths);
        assertEquals(List.of("a1", "b1", "a3", "b3", "a5", "b5"), calls.subList(0, 6), "warm-up, then in turns");
        assertEquals(6 * 3, calls.size());
        assertEquals(3, results.get("a").size());
        assertEquals(2, results.get("b").get(2).size(), "one result per conversation and turn");
        assertEquals(5.0, results.get("a").get(2).get(0).ttftMs(), 1e-9, "turn 3 carries 5 messages");
    }

    @Test
    void conversationsOpenWithALongStoryAndGoOnWithQuestions() {
        String opening = Conversations.opening(0, 16);
        assertTrue(opening.length() > 1000, "a history of a few hundred tokens: " + opening.length() + " chars");
        assertTrue(!opening.equals(Conversations.opening(1, 16)), "conversations open differently");
        assertEquals(Conversations.userMessage(0, 0, 16), opening);
        assertTrue(Conversations.userMessage(0, 1, 16).endsWith("?"));
    }

    @Test
    void serveStatsReportPercentilesThroughputAndGoodput() {
        List<StreamResult> results = List.of(
                new StreamResult(StreamResult.Outcome.COMPLETED, "", 10_000_000, 100_000_000, 11, "x", 0, "length"),
                new StreamResult(StreamResult.Outcome.COMPLETED, "", 30_000_000, 100_000_000, 11, "x", 0, "length"),
                StreamResult.failed("HTTP 500", 0));
        ServeStats stats = ServeStats.of(results, 20);
        assertEquals(2, stats.completed());
        assertEquals(3, stats.requests());
        assertEquals(10.0, stats.ttftMs().p50(), 1e-9);
        assertEquals(30.0, stats.ttftMs().p99(), 1e-9);
        assertEquals(7.0, stats.tpotMs().p50(), 1e-9, "70 and 90 ms over 10 tokens after the first: nearest rank");
        assertEquals(10.0, stats.requestsPerSecond(), 1e-9, "2 requests in 0.2 s");
        assertEquals(1 / 3.0, stats.goodput(), 1e-9, "one of three within 20 ms");
    }

    @Test
    void peerThreadCountsStartWithThePlatformsAndRefuseNonsense() {
        assertEquals(List.of(1, 2), ChatSuite.peerThreads("1,2", 1));
        assertEquals(List.of(2, 1), ChatSuite.peerThreads("1, 2", 2));
        assertEquals(List.of(1), ChatSuite.peerThreads("", 1));
        try {
            ChatSuite.peerThreads("0", 1);
            throw new AssertionError("0 threads accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("--peer-threads"));
        }
    }
}
