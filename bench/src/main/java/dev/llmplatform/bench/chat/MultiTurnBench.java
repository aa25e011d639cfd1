package dev.llmplatform.bench.chat;

import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.StreamResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-turn scenario: {@code conversations} conversations of {@code turns} turns replayed on every path, each
 * turn's prompt the history (with the answers that path gave) plus a new user message. The paths take turns turn by
 * turn (path A turn 1, path B turn 1, path A turn 2, ...), so the machine's drift falls on all alike; each path's
 * engine keeps its own slots, so the interleaving does not change what a path can reuse. One conversation per path is
 * run first as a warm-up.
 */
final class MultiTurnBench {

    /** One way to stream a chat of several messages with the sampling of a request. */
    @FunctionalInterface
    interface TurnPath {
        /** Streams the chat to the end. */
        StreamResult stream(List<Map<String, String>> messages, ChatRequest sampling);
    }

    private final ChatRequest sampling;
    private final int conversations;
    private final int turns;
    private final int openingSentences;

    /**
     * @param sampling         max_tokens, temperature and seed of every turn (its prompt is not used)
     * @param openingSentences sentences of the opening message
     */
    MultiTurnBench(ChatRequest sampling, int conversations, int turns, int openingSentences) {
        this.sampling = sampling;
        this.conversations = conversations;
        this.turns = turns;
        this.openingSentences = openingSentences;
    }

    /** Results by path, then by turn (0-based), one per conversation. */
    Map<String, List<List<StreamResult>>> measure(Map<String, TurnPath> paths) {
        System.out.printf("-- multi-turn: %d conversation(s) of %d turns per path (%d tokens per answer), paths"
                + " taking turns turn by turn, after one warm-up conversation per path%n", conversations, turns,
                sampling.maxTokens());
        run(paths, conversations, null);
        Map<String, List<List<StreamResult>>> results = new LinkedHashMap<>();
        paths.keySet().forEach(name -> {
            List<List<StreamResult>> byTurn = new ArrayList<>();
            for (int t = 0; t < turns; t++) {
                byTurn.add(new ArrayList<>());
            }
            results.put(name, byTurn);
        });
        for (int c = 0; c < conversations; c++) {
            run(paths, c, results);
        }
        return results;
    }

    private void run(Map<String, TurnPath> paths, int conversation, Map<String, List<List<StreamResult>>> results) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        paths.keySet().forEach(name -> answers.put(name, new ArrayList<>()));
        for (int t = 0; t < turns; t++) {
            for (Map.Entry<String, TurnPath> path : paths.entrySet()) {
                List<String> given = answers.get(path.getKey());
                StreamResult result = path.getValue().stream(
                        Conversations.messages(conversation, given, openingSentences), sampling);
                given.add(result.text().isBlank() ? "I do not know." : result.text());
                if (results != null) {
                    results.get(path.getKey()).get(t).add(result);
                }
            }
        }
    }
}
