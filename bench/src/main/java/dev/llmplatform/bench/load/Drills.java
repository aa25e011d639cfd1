package dev.llmplatform.bench.load;

import dev.llmplatform.testkit.await.Await;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.client.WsChat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Quiet-time drills: streamed text against the non-streamed text at temperature 0, one request at a time (so the
 * batch a request decodes in is the same), and the time from a client's cancel to a free slot.
 */
final class Drills {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration FREE_LIMIT = Duration.ofSeconds(10);
    private final SseChat sse;
    private final WsChat ws;
    private final HttpJson http;
    private final String gateway;
    private final ResourceSampler sampler;

    Drills(SseChat sse, WsChat ws, HttpJson http, String gateway, ResourceSampler sampler) {
        this.sse = sse;
        this.ws = ws;
        this.http = http;
        this.gateway = gateway;
        this.sampler = sampler;
    }

    /** Outcome of the consistency drill; mismatches and token deltas are must-be-zero figures. */
    record Consistency(int compared, int textMismatches, long tokenDelta, int nondeterministicPrompts,
            List<StreamResult> streams, List<String> notes) {
    }

    /**
     * For each prompt: two non-streamed answers (the gateway alternates replicas, so they usually come from both),
     * then SSE, then WebSocket. A streamed answer must equal one of the non-streamed ones, with the same completion
     * tokens. Non-streamed answers that differ from each other mean the engine itself is not deterministic at
     * temperature 0 for that prompt (a random-weight model's near-flat logits can flip on float-level differences
     * between slots); that is counted apart, not as a streaming loss.
     */
    Consistency consistency(List<ChatRequest> chats) {
        int mismatches = 0;
        int nondeterministic = 0;
        long delta = 0;
        int compared = 0;
        List<StreamResult> streams = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ChatRequest chat : chats) {
            List<String> texts = new ArrayList<>();
            int tokens = -1;
            for (int i = 0; i < 2; i++) {
                awaitIdle();
                HttpJson.Reply full = http.post(gateway + "/v1/chat/completions", chat.openAiBody(), TIMEOUT);
                if (full.status() != 200 || full.json() == null) {
                    notes.add("non-streamed answer " + full.status() + " for '" + chat.prompt() + "'");
                    continue;
                }
                texts.add(full.json().path("choices").path(0).path("message").path("content").asText());
                tokens = full.json().path("usage").path("completion_tokens").asInt(-1);
            }
            if (texts.isEmpty()) {
                mismatches++;
                continue;
            }
            if (texts.stream().distinct().count() > 1) {
                nondeterministic++;
                notes.add("the two non-streamed answers differ for '" + chat.prompt() + "' (engine "
                        + "nondeterminism, not a streaming loss); " + firstDifference(texts.get(0), texts.get(1)));
            }
            for (int path = 0; path < 2; path++) {
                awaitIdle();
                StreamResult streamed = path == 0 ? sse.stream(chat, -1, TIMEOUT)
                        : ws.stream(chat, "consistency-" + compared, -1, false, TIMEOUT);
                streams.add(streamed);
                compared++;
                String via = path == 0 ? "SSE" : "WS";
                if (!texts.contains(streamed.text())) {
                    mismatches++;
                    notes.add(via + " text differs for '" + chat.prompt() + "': streamed " + streamed.text().length()
                            + " chars (" + streamed.outcome() + "), non-streamed " + texts.get(0).length()
                            + " chars; " + firstDifference(streamed.text(), texts.get(0)));
                }
                delta += Math.abs(streamed.completionTokens() - tokens);
            }
        }
        return new Consistency(compared, mismatches, delta, nondeterministic, streams, notes);
    }

    /** Where two texts first differ, with a JSON-escaped excerpt of each from there. */
    static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return "first difference at char " + i + ": " + excerpt(a, i) + " vs " + excerpt(b, i);
    }

    private static String excerpt(String text, int from) {
        return Json.quote(text.substring(Math.min(from, text.length()), Math.min(text.length(), from + 24)));
    }

    /** Outcome of the cancel drill: ms from each cancel to no running request, and cancels never freed. */
    record Cancels(List<Double> cancelToFreeMs, int notFreed, List<StreamResult> streams) {
    }

    /** Cancels {@code count} streams after a few chunks (SSE close, WS stop, WS drop in turn) and times the slot. */
    Cancels cancels(ChatRequest chat, int count) {
        List<Double> times = new ArrayList<>();
        List<StreamResult> streams = new ArrayList<>();
        int notFreed = 0;
        for (int i = 0; i < count; i++) {
            awaitIdle();
            StreamResult result = i % 3 == 0 ? sse.stream(chat, 3, TIMEOUT)
                    : ws.stream(chat, "cancel-" + i, 3, i % 3 == 2, TIMEOUT);
            long cancelled = System.nanoTime();
            streams.add(result);
            if (result.outcome() != StreamResult.Outcome.CANCELLED) {
                continue; // ended before the cancel point; nothing to time
            }
            if (Await.within(() -> sampler.busy() == 0, FREE_LIMIT.minusNanos(System.nanoTime() - cancelled),
                    Duration.ofMillis(10))) {
                times.add((System.nanoTime() - cancelled) / 1e6);
            } else {
                notFreed++;
            }
        }
        return new Cancels(times, notFreed, streams);
    }

    /** Waits (bounded) until no replica runs or queues anything. */
    void awaitIdle() {
        Await.within(() -> sampler.busy() == 0, SETTLE, Duration.ofMillis(20));
    }

    /** A long answer for the kill and drain drills. */
    static ChatRequest longChat(ChatRequest base, int maxTokens) {
        return new ChatRequest(base.model(), "Tell me a very long story.", maxTokens, 0.8, base.seed());
    }

    /** The body of a request asking for nothing streamed. */
    static Map<String, Object> shortBody(ChatRequest chat) {
        Map<String, Object> body = chat.openAiBody();
        body.put("max_tokens", 8);
        return body;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
