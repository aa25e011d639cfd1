package dev.llmplatform.bench.load;

import dev.llmplatform.testkit.await.Await;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Faults: the tokenizer service stopped, an inference replica killed mid-stream (SIGKILL), and a replica sent
 * SIGTERM under load. Each drill restores the platform afterwards (the restarts are counted, not as crashes).
 */
final class FaultDrills {

    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration QUICK_503 = Duration.ofSeconds(5);
    private static final Duration GATEWAY_REFRESH = Duration.ofSeconds(6);
    private static final Duration RECOVER_WITHIN = Duration.ofSeconds(10);
    private final Platform platform;
    private final ResourceSampler sampler;
    private final Traffic traffic;
    private final HttpJson http;
    private final ChatRequest chat;
    private final int longTokens;
    private int restarts;
    private int rejoinFailures;
    private final List<String> rejoinNotes = new ArrayList<>();

    FaultDrills(Platform platform, ResourceSampler sampler, Traffic traffic, HttpJson http, ChatRequest chat,
            int longTokens) {
        this.longTokens = longTokens;
        this.platform = platform;
        this.sampler = sampler;
        this.traffic = traffic;
        this.http = http;
        this.chat = chat;
    }

    /** What a fault drill observed; the counts are must-be-zero figures. */
    record Fault(String name, List<StreamResult> streams, long streamsWithoutFinalError, long requestsFailedAfter,
            List<String> notes) {
    }

    int restarts() {
        return restarts;
    }

    /** A pseudo-drill: restarted replicas getting traffic from the gateway again. */
    Fault rejoins() {
        return new Fault("restarted replicas rejoin", List.of(), 0, rejoinFailures, List.copyOf(rejoinNotes));
    }

    /**
     * Stops the tokenizer service; {@code /v1/tokenize} must answer 503 within 5 s; then restarts it, and the gateway
     * must answer 200 again within 10 s (its gRPC channel reconnects with backoff).
     */
    Fault tokenizerDown() {
        List<String> notes = new ArrayList<>();
        long bad = 0;
        sampler.expectDown("tokenizer-service");
        platform.tokenizer().close();
        try {
            for (int i = 0; i < 3; i++) {
                HttpJson.Reply reply = http.post(platform.gateway().baseUrl() + "/v1/tokenize",
                        Map.of("tokenizer", "gpt2", "text", "hello"), Duration.ofSeconds(30));
                notes.add("tokenize with the tokenizer service down: " + reply.status() + " in " + reply.millis()
                        + " ms");
                if (reply.status() != 503 || reply.millis() > QUICK_503.toMillis() || reply.json() == null) {
                    bad++;
                }
            }
        } finally {
            restart(platform.tokenizer(), "tokenizer-service");
        }
        long restarted = System.nanoTime();
        HttpJson.Reply after = Await.untilOrLast(() -> http.post(platform.gateway().baseUrl() + "/v1/tokenize",
                Map.of("tokenizer", "gpt2", "text", "hello"), Duration.ofSeconds(10)), r -> r.status() == 200,
                RECOVER_WITHIN, Duration.ofMillis(100));
        notes.add("tokenize after the restart: " + after.status() + " after "
                + (System.nanoTime() - restarted) / 1_000_000 + " ms (must be 200 within " + RECOVER_WITHIN.toSeconds()
                + " s)");
        return new Fault("tokenizer down", List.of(), 0, bad + (after.status() == 200 ? 0 : 1), notes);
    }

    /**
     * Starts long streams, kills replica {@code index} once it generates, then requires every stream to end
     * (completed on the other replica, or an explicit error), and new requests to succeed.
     */
    Fault killReplica(int index, int streams) {
        ServiceProcess victim = platform.inference().get(index);
        String role = "inference-" + (index + 1);
        List<String> notes = new ArrayList<>();
        List<StreamResult> results = underFault(index, streams, () -> {
            notes.add(role + " was generating " + sampler.running(index) + " stream(s) at the fault");
            sampler.expectDown(role);
            victim.kill();
            notes.add(role + " killed (SIGKILL) mid-stream");
        });
        long failedAfter = newRequestsFailing(4, notes);
        restart(victim, role);
        return new Fault("kill " + role, results, withoutFinalError(results), failedAfter, notes);
    }

    /** Sends SIGTERM to replica {@code index} under load; readiness must go down before the process exits. */
    Fault terminateReplica(int index, int streams) {
        ServiceProcess victim = platform.inference().get(index);
        String role = "inference-" + (index + 1);
        List<String> notes = new ArrayList<>();
        long[] failedDuring = {0};
        List<StreamResult> results = underFault(index, streams, () -> {
            notes.add(role + " was generating " + sampler.running(index) + " stream(s) at the fault");
            sampler.expectDown(role);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(victim::close);
            int exited = Integer.MIN_VALUE;
            boolean sawNotReady = Await.untilOrLast(() -> victim.isAlive() ? victim.readyStatus() : exited,
                    status -> status == 503 || status == exited, Duration.ofSeconds(5), Duration.ofMillis(25)) == 503;
            notes.add(role + " SIGTERM: readiness " + (sawNotReady ? "went DOWN (503) before exit"
                    : "never answered 503 before exit"));
            failedDuring[0] = (sawNotReady ? 0 : 1) + newRequestsFailing(2, notes);
            stopping.join();
        });
        restart(victim, role);
        return new Fault("SIGTERM " + role, results, withoutFinalError(results), failedDuring[0], notes);
    }

    /** Starts long streams, waits (up to 20 s) until replica {@code victim} generates, injects the fault. */
    private List<StreamResult> underFault(int victim, int streams, Runnable fault) {
        ChatRequest longChat = Drills.longChat(chat, longTokens);
        Traffic longTraffic = traffic.withChat(longChat, STREAM_TIMEOUT);
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        List<Future<StreamResult>> futures = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            int turn = i;
            futures.add(pool.submit(() -> longTraffic.one(turn, new SplittableRandom(turn))));
        }
        Await.within(() -> sampler.running(victim) >= 1, Duration.ofSeconds(20), Duration.ofMillis(20));
        Drills.sleep(300); // let the streams deliver a few chunks
        fault.run();
        List<StreamResult> results = new ArrayList<>();
        for (Future<StreamResult> future : futures) {
            try {
                results.add(future.get(STREAM_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS));
            } catch (Exception e) {
                future.cancel(true);
                results.add(new StreamResult(StreamResult.Outcome.HUNG, "drill timeout", -1, 0, 0, "", 0, ""));
            }
        }
        pool.shutdownNow();
        return results;
    }

    private long newRequestsFailing(int count, List<String> notes) {
        long failed = 0;
        for (int i = 0; i < count; i++) {
            HttpJson.Reply reply = http.post(platform.gateway().baseUrl() + "/v1/chat/completions",
                    Drills.shortBody(chat), Duration.ofSeconds(60));
            if (reply.status() != 200) {
                failed++;
                notes.add("new request while a replica is down: " + reply.status() + " "
                        + reply.raw().substring(0, Math.min(200, reply.raw().length())));
            }
        }
        return failed;
    }

    private static long withoutFinalError(List<StreamResult> results) {
        return results.stream().filter(r -> r.outcome() == StreamResult.Outcome.TRUNCATED
                || r.outcome() == StreamResult.Outcome.HUNG).count();
    }

    private void restart(ServiceProcess process, String role) {
        process.start().awaitReady(platform.spec().startTimeout());
        sampler.expectUp(role);
        restarts++;
        if (role.startsWith("inference")) {
            // The gateway re-probes its inference endpoints every 5 s (gateway.inference.refresh-interval).
            Drills.sleep(GATEWAY_REFRESH.toMillis());
            awaitRouted(platform.inference().indexOf(process), role);
        }
    }

    /**
     * Streams long chats through the gateway one at a time until the restarted replica is seen generating one
     * (so the next drill starts with both replicas in rotation); a miss within 30 s is a failed check. Each chat
     * opens differently: the gateway routes a conversation by its first messages (prefix-aware routing), so the
     * same chat would keep meeting the same replica.
     */
    private void awaitRouted(int index, String role) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            Traffic probe = traffic.withChat(new ChatRequest(chat.model(), "Tell me a very long story, take "
                    + attempt + ".", longTokens, 0.8, chat.seed()), STREAM_TIMEOUT);
            CompletableFuture<StreamResult> stream = CompletableFuture.supplyAsync(
                    () -> probe.one(0, new SplittableRandom(0)));
            boolean seen = Await.untilOrLast(() -> sampler.running(index) > 0, running -> running || stream.isDone(),
                    Duration.ofNanos(deadline - System.nanoTime()), Duration.ofMillis(10));
            stream.join();
            if (seen) {
                rejoinNotes.add(role + " back in the gateway's rotation " + (System.nanoTime() - start) / 1_000_000
                        + " ms after " + GATEWAY_REFRESH.toSeconds() + " s wait");
                return;
            }
        }
        rejoinFailures++;
        rejoinNotes.add(role + " restarted but the gateway sent it nothing within 30 s");
    }
}
