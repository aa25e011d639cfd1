package dev.llmplatform.tokenizer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelCounterTest {

    @Test
    void cutsOnlyAfterANewlineBetweenAVisibleCharacterAndAnAsciiLetter() {
        assertEquals(8, ChunkBoundaries.nextCut("abc\n\nxyz", 0), "blank line: no cut (\\n\\n splits differently)");
        assertEquals(4, ChunkBoundaries.nextCut("abc\nxyz", 0));
        assertEquals(8, ChunkBoundaries.nextCut("ab \nxyz\n", 0), "space before the newline: no cut");
        assertEquals(7, ChunkBoundaries.nextCut("ab\n xyz", 0), "space after the newline: no cut");
        assertEquals(6, ChunkBoundaries.nextCut("ab\n\u00e9yz", 0), "non-ASCII letter after: no cut");
        assertEquals(6, ChunkBoundaries.nextCut("a\u00a0\nxyz", 0), "NBSP before the newline: no cut");
        assertEquals(6, ChunkBoundaries.nextCut("ab\nxy\ncd\nz", 5));
        assertEquals(9, ChunkBoundaries.nextCut("ab\nxy\ncd\nz", 7));
    }

    @Test
    void piecesCoverTheTextOnceAndStartOnlyAtCuts() {
        String text = "Line of text number.\n".repeat(5000) + "tail";
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
}
