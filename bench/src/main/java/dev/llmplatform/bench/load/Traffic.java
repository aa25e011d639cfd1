package dev.llmplatform.bench.load;

import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.client.WsChat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Closed-loop chat traffic: {@code clients} threads, each streaming one chat after another until the phase ends,
 * alternating SSE and WebSocket, cancelling a share of the streams at a random chunk (WebSocket: half with a
 * {@code stop} frame, half by dropping the connection). Bounded in time (the phase, plus one stream deadline) and
 * in count ({@link #MAX_STREAMS_PER_CLIENT}).
 */
final class Traffic {

    static final int MAX_STREAMS_PER_CLIENT = 10_000;
    private final SseChat sse;
    private final WsChat ws;
    private final ChatRequest chat;
    private final Duration streamTimeout;
    private final double cancelRate;
    private final AtomicInteger ids = new AtomicInteger();

    Traffic(SseChat sse, WsChat ws, ChatRequest chat, Duration streamTimeout, double cancelRate) {
        this.sse = sse;
        this.ws = ws;
        this.chat = chat;
        this.streamTimeout = streamTimeout;
        this.cancelRate = cancelRate;
    }

    /** The same clients with another chat and stream deadline, never cancelling. */
    Traffic withChat(ChatRequest other, Duration timeout) {
        return new Traffic(sse, ws, other, timeout, 0.0);
    }

    /** A finished phase: its streams and how long it ran. */
    record Phase(String name, int clients, List<StreamResult> results, double seconds) {
    }

    /** Runs one phase and returns every stream it started. */
    Phase run(String name, int clients, Duration duration, long seed) {
        System.out.printf("-- phase %s: %d clients for %d s%n", name, clients, duration.toSeconds());
        long end = System.nanoTime() + duration.toNanos();
        return run(name, clients, () -> System.nanoTime() < end, duration, seed);
    }

    /** Runs one phase until {@code done} completes (at most {@code max}) and returns every stream it started. */
    Phase runUntil(String name, int clients, CompletableFuture<?> done, Duration max, long seed) {
        System.out.printf("-- phase %s: %d clients while it lasts%n", name, clients);
        long end = System.nanoTime() + max.toNanos();
        return run(name, clients, () -> !done.isDone() && System.nanoTime() < end, max, seed);
    }

    private Phase run(String name, int clients, BooleanSupplier going, Duration duration,
            long seed) {
        ConcurrentLinkedQueue<StreamResult> results = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + c);
            int client = c;
            workers.add(pool.submit(() -> {
                for (int i = 0; i < MAX_STREAMS_PER_CLIENT && going.getAsBoolean(); i++) {
                    results.add(one(client + i, random));
                }
            }));
        }
        pool.shutdown();
        try {
            long waitMs = duration.plus(streamTimeout).plusSeconds(10).toMillis();
            if (!pool.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                System.out.println("   phase " + name + ": clients still busy after " + waitMs + " ms; stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(name, clients, List.copyOf(results), seconds);
    }

    /** One stream: SSE on even turns, WebSocket on odd ones; cancelled at a random chunk with the cancel rate. */
    StreamResult one(int turn, SplittableRandom random) {
        boolean cancel = random.nextDouble() < cancelRate;
        int cancelAt = cancel ? 1 + random.nextInt(Math.max(1, chat.maxTokens() / 2)) : -1;
        if (turn % 2 == 0) {
            return sse.stream(chat, cancelAt, streamTimeout);
        }
        return ws.stream(chat, "load-" + ids.incrementAndGet(), cancelAt, random.nextBoolean(), streamTimeout);
    }
}
