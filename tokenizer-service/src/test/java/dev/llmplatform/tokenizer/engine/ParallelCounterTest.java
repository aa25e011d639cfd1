package dev.llmplatform.tokenizer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.tokenizer.error.CallCancelledException;
import io.grpc.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelCounterTest {

    @Test
    void cutsAfterANewlineBetweenAVisibleCharacterAndALetter() {
        assertEquals(8, ChunkBoundaries.nextCut("abc\n\nxyz", 0), "blank line: no cut (\\n\\n splits differently)");
        assertEquals(4, ChunkBoundaries.nextCut("abc\nxyz", 0));
        assertEquals(8, ChunkBoundaries.nextCut("ab \nxyz\n", 0), "space before the newline: no cut");
        assertEquals(7, ChunkBoundaries.nextCut("ab\n xyz", 0), "space after the newline: no cut");
        assertEquals(3, ChunkBoundaries.nextCut("ab\n\u00e9yz", 0), "non-ASCII letter after: a cut");
        assertEquals(3, ChunkBoundaries.nextCut("\u4e2d\u6587\n\u5b57", 0), "CJK after: a cut");
        assertEquals(5, ChunkBoundaries.nextCut("ab\n\u0301y", 0), "combining mark after: no cut");
        assertEquals(6, ChunkBoundaries.nextCut("ab\n\ud840\udc00y", 0), "supplementary letter after: no cut");
        assertEquals(6, ChunkBoundaries.nextCut("a\u00a0\nxyz", 0), "NBSP before the newline: no cut");
        assertEquals(6, ChunkBoundaries.nextCut("ab\nxy\ncd\nz", 5));
        assertEquals(9, ChunkBoundaries.nextCut("ab\nxy\ncd\nz", 7));
    }

    @Test
    void cutsAlsoAtASingleSpaceBetweenAsciiLetters() {
        assertEquals(3, ChunkBoundaries.nextCut("abc def", 0));
        assertEquals(8, ChunkBoundaries.nextCut("abc  def", 0), "two spaces: no cut");
        assertEquals(7, ChunkBoundaries.nextCut("ab, def", 0), "punctuation before the space: no cut");
        assertEquals(7, ChunkBoundaries.nextCut("abc 1ef", 0), "digit after the space: no cut");
        assertEquals(6, ChunkBoundaries.nextCut("ab\u00e9 ef", 0), "non-ASCII letter before: no cut");
        assertEquals(7, ChunkBoundaries.nextCut("abc def", 4), "only at or after the target");
        assertEquals(3, ChunkBoundaries.nextWordCut("abc def\nGhi", 0));
        assertEquals(11, ChunkBoundaries.nextWordCut("abc\nDef\nGhi", 0), "newlines are not word cuts");
        assertEquals(4, ChunkBoundaries.nextWordCut("a, b c", 0));
    }

    @Test
    void oneLongLineIsCutAtWords() {
        String line = "many words on one line ".repeat(2000).trim();
        ParallelCounter counter = new ParallelCounter(2, 100);
        List<String> seen = new CopyOnWriteArrayList<>();
        assertEquals(line.length(), counter.count(line, (piece, first) -> {
            seen.add(piece);
            return piece.length();
        }));
        assertTrue(seen.size() > 100, "pieces: " + seen.size());
        for (String piece : seen) {
            assertTrue(line.startsWith(piece) || piece.matches(" [a-z].*[a-z]"), piece);
        }
    }

    @Test
    void piecesCoverTheTextOnceAndStartOnlyAtCuts() {
        String text = "Line-of-text-number.\n".repeat(5000) + "tail";
        ParallelCounter counter = new ParallelCounter(3, 100);
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger firsts = new AtomicInteger();
        int total = counter.count(text, (piece, first) -> {
            seen.add(piece);
            if (first) {
                firsts.incrementAndGet();
            }
            return piece.length();
        });
        assertEquals(text.length(), total);
        assertEquals(1, firsts.get());
        assertTrue(seen.size() > 100, "pieces: " + seen.size());
        for (String piece : seen) {
            assertTrue(piece.startsWith("Line") || piece.startsWith("tail") || text.startsWith(piece), piece);
            assertTrue(piece.length() < 200, "piece of " + piece.length());
        }
    }

    @Test
    void aBusyPoolDelaysNothing() throws InterruptedException {
        ParallelCounter counter = new ParallelCounter(2, 50);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch poolBlocked = new CountDownLatch(1);
        Thread occupier = new Thread(() -> counter.count("x\ny".repeat(100), (piece, first) -> {
            if (Thread.currentThread().getName().startsWith("token-count-")) {
                poolBlocked.countDown();
            }
            try {
                release.await(); // every piece of this text blocks, so the pool's only thread is held
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return piece.length();
        }));
        occupier.start();
        try {
            assertTrue(poolBlocked.await(10, TimeUnit.SECONDS), "the pool thread took a piece");
            String text = "abc\nDef ".repeat(1000);
            assertEquals(text.length(), counter.count(text, (piece, first) -> piece.length()));
        } finally {
            release.countDown();
            occupier.join();
        }
    }

    @Test
    void aFailingPieceFailsTheCount() {
        ParallelCounter counter = new ParallelCounter(2, 50);
        String text = "abc\nDef ".repeat(1000);
        assertThrows(IllegalStateException.class, () -> counter.count(text, (piece, first) -> {
            throw new IllegalStateException("native failure");
        }));
    }

    @Test
    void countEachGivesEveryTextItsOwnCountInOrderUsingThePool() {
        ParallelCounter counter = new ParallelCounter(2, 50);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add("x".repeat(i));
        }
        Set<String> threads = ConcurrentHashMap.newKeySet();
        int[] counts = counter.countEach(texts, text -> {
            threads.add(Thread.currentThread().getName());
            busyWork();
            return text.length();
        });
        for (int i = 0; i < counts.length; i++) {
            assertEquals(i, counts[i], "text " + i);
        }
        assertTrue(threads.stream().anyMatch(name -> name.startsWith("token-count-")), "threads: " + threads);
        assertEquals(0, counter.countEach(List.of(), String::length).length);
    }

    @Test
    void countEachFailsWhenOneTextFails() {
        ParallelCounter counter = new ParallelCounter(2, 50);
        List<String> texts = List.of("a", "b", "fail", "c", "d", "e");
        assertThrows(IllegalStateException.class, () -> counter.countEach(texts, text -> {
            if (text.equals("fail")) {
                throw new IllegalStateException("native failure");
            }
            return 1;
        }));
    }

    @Test
    void aCancelledCallStopsBetweenPiecesOnEveryThreadAndTheContextReachesThePool() throws Exception {
        ParallelCounter counter = new ParallelCounter(2, 50);
        String text = "abc\nDef ".repeat(10_000);
        Context.CancellableContext call = Context.current().withCancellation();
        AtomicInteger pieces = new AtomicInteger();
        AtomicInteger atCancel = new AtomicInteger(-1);
        Set<Context> seen = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CallCancelledException stopped = assertThrows(CallCancelledException.class, () -> call.call(() ->
                counter.count(text, (piece, first) -> {
                    seen.add(Context.current());
                    threads.add(Thread.currentThread().getName());
                    busyWork();
                    int counted = pieces.incrementAndGet();
                    // cancelled once a pool thread has counted too (on a busy machine the caller's thread may count
                    // the first pieces alone)
                    if (counted >= 20 && threads.stream().anyMatch(name -> name.startsWith("token-count-"))
                            && atCancel.compareAndSet(-1, counted)) {
                        call.cancel(null);
                    }
                    return piece.length();
                })));
        assertFalse(stopped.deadline());
        int total = text.length() / 50;
        assertTrue(atCancel.get() > 0 && atCancel.get() < total, "cancelled after " + atCancel.get() + " of about "
                + total + " pieces");
        assertTrue(pieces.get() <= atCancel.get() + 3, pieces.get() + " pieces counted, " + atCancel.get()
                + " when the call was cancelled: at most one more per thread");
        assertEquals(1, seen.size(), "every piece ran in the caller's context: " + seen);
        assertTrue(seen.iterator().next().isCancelled(), "the context the pieces saw is the cancelled call's");
        assertTrue(threads.stream().anyMatch(name -> name.startsWith("token-count-")), "threads: " + threads);
        int settled = pieces.get();
        Thread.sleep(50);
        assertEquals(settled, pieces.get(), "no piece runs after the call failed");
    }

    @Test
    void aPassedDeadlineStopsABatchBetweenTexts() throws Exception {
        ParallelCounter counter = new ParallelCounter(2, 50);
        List<String> texts = java.util.Collections.nCopies(1000, "text");
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        Context.CancellableContext call = Context.current().withDeadlineAfter(100, TimeUnit.MILLISECONDS, timer);
        AtomicInteger counted = new AtomicInteger();
        try {
            CallCancelledException stopped = assertThrows(CallCancelledException.class, () -> call.call(() ->
                    counter.countEach(texts, t -> {
                        counted.incrementAndGet();
                        long until = System.nanoTime() + 2_000_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        return 1;
                    })));
            assertTrue(stopped.deadline());
            assertTrue(counted.get() < 500, counted.get() + " of 1000 texts were counted");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void thePoolsThreadsCarryTheCallsLogContextSoTheirLinesHaveItsTraceIds() throws Exception {
        ParallelCounter counter = new ParallelCounter(2, 50);
        String text = "abc\nDef ".repeat(2_000);
        CountDownLatch helperCounted = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        org.jboss.logging.MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        org.jboss.logging.MDC.put("spanId", "00f067aa0ba902b7");
        try {
            counter.count(text, (piece, first) -> {
                String thread = Thread.currentThread().getName();
                seen.add(thread + " " + org.jboss.logging.MDC.get("traceId") + " "
                        + org.jboss.logging.MDC.get("spanId"));
                if (thread.startsWith("token-count-")) {
                    helperCounted.countDown();
                } else {
                    try {
                        helperCounted.await(10, TimeUnit.SECONDS); // let a pool thread take pieces too
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return piece.length();
            });
        } finally {
            org.jboss.logging.MDC.clear();
        }
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("token-count-")), "a pool thread counted: " + seen);
        for (String piece : seen) {
            assertTrue(piece.endsWith(" 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7"), piece);
        }
        java.util.concurrent.atomic.AtomicReference<Object> after = new java.util.concurrent.atomic.AtomicReference<>();
        counter.countEach(List.of("x", "y", "z", "w"), t -> {
            if (Thread.currentThread().getName().startsWith("token-count-")) {
                after.compareAndSet(null, String.valueOf(org.jboss.logging.MDC.get("traceId")));
            }
            return 1;
        });
        assertTrue(after.get() == null || after.get().equals("null"),
                "the pool thread's own log context is put back: " + after.get());
    }

    private static void busyWork() {
        long until = System.nanoTime() + 200_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
