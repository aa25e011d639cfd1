package dev.llmplatform.tokenizer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.gguf.GgufEngine;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEncodingSpec;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEngine;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The heap bound of the pure-Java tokenizers: runs measured by class, long ones refused or taken one at a time; at
 * the service's text limit every tiktoken encoding and GGUF vocabulary of the assets refuses a run (or, for the
 * SentencePiece-style vocabularies, a text) that would not fit a 1 GiB heap, before tokenizing anything.
 */
class HeapRunGuardTest {

    /** 100 MB for one run: at 100 bytes a character, runs up to a million characters. */
    private final HeapRunGuard guard = new HeapRunGuard(100_000_000);

    @Test
    void runsAreMeasuredByClassOfCharacter() {
        assertEquals(5, HeapRunGuard.longestRun("ab cd efghi 12"));
        assertEquals(4, HeapRunGuard.longestRun("e\u0301e\u0301 x"), "marks go with letters");
        assertEquals(3, HeapRunGuard.longestRun("a\t\n b"));
        assertEquals(4, HeapRunGuard.longestRun("x1234y"));
        assertEquals(6, HeapRunGuard.longestRun("a!?!?!?b"));
        assertEquals(3, HeapRunGuard.longestRun("\u00a0\u3000\u2028a"));
        assertEquals(0, HeapRunGuard.longestRun(""));
    }

    @Test
    void aRunOverTheLimitIsRefusedWithTheNumbers() {
        assertEquals(1_000_000, guard.maxRun(100));
        String text = "x " + "a".repeat(1_000_001) + " y";
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> guard.run("cl100k_base", text, 100, false, () -> 1));
        assertEquals("text has a run of 1000001 characters of one kind (letters, digits, whitespace or other) without "
                + "a break; tokenizer 'cl100k_base' takes at most 1000000 (it holds about 100 bytes of heap per "
                + "character of such a run and may use 95 MiB for one)", refused.getMessage());
        assertEquals(7, guard.run("cl100k_base", "a".repeat(1_000_000), 100, false, () -> 7));
        String words = "word ".repeat(300_000);
        assertEquals(8, guard.run("cl100k_base", words, 100, false, () -> 8), "many short runs are fine");
        InvalidRequestException whole = assertThrows(InvalidRequestException.class,
                () -> guard.run("ggml-vocab-llama-spm", words, 100, true, () -> 1));
        assertTrue(whole.getMessage().startsWith("text is 1500000 characters long; tokenizer 'ggml-vocab-llama-spm' "
                + "takes at most 1000000"), whole.getMessage());
    }

    @Test
    void longRunsAreTokenizedOneAtATimeAndShortOnesAreNotHeldBack() throws Exception {
        String longRun = "a".repeat(HeapRunGuard.LIGHT_CHARS + 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> guard.run("t", longRun, 100, false,
                () -> {
                    concurrent.incrementAndGet();
                    inside.countDown();
                    await(release);
                    return concurrent.getAndDecrement();
                }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> guard.run("t", longRun, 100, false,
                concurrent::incrementAndGet));
        assertEquals(3, guard.run("t", "short text " + "b".repeat(HeapRunGuard.LIGHT_CHARS), 100, false, () -> 3),
                "a text with short runs goes past the waiting one");
        Thread.sleep(200);
        assertFalse(second.isDone(), "the second long run waits for the first");
        release.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertEquals(1, second.get(10, TimeUnit.SECONDS), "it ran alone");
    }

    @Test
    void thePureJavaTokenizersRefuseWhatTheHeapCannotHoldAtTheServiceLimit() throws Exception {
        int limit = 10 * 1024 * 1024;
        String word = "a".repeat(limit);
        String spaces = " ".repeat(limit);
        String words = "word ".repeat(limit / 5);
        for (TiktokenEncodingSpec spec : TiktokenEncodingSpec.ALL) {
            TiktokenEngine engine = new TiktokenEngine(spec);
            for (String text : List.of(word, spaces)) {
                assertThrows(InvalidRequestException.class, () -> engine.count(text, false), spec.name());
                assertThrows(InvalidRequestException.class, () -> engine.encode(text, false, false), spec.name());
                assertThrows(InvalidRequestException.class, () -> engine.countBatch(List.of("ok", text), false));
                assertThrows(InvalidRequestException.class, () -> engine.countParsingSpecials(text), spec.name());
            }
        }
        for (String vocab : List.of("gpt-2", "falcon", "bert-bge", "llama-spm", "phi-3")) {
            GgufEngine engine = GgufEngine.load(vocab, TestAssets.file("gguf-vocab/ggml-vocab-" + vocab + ".gguf"));
            boolean wholeText = vocab.equals("llama-spm") || vocab.equals("phi-3");
            for (String text : wholeText ? List.of(word, spaces, words) : List.of(word, spaces)) {
                assertThrows(InvalidRequestException.class, () -> engine.count(text, false), vocab);
                assertThrows(InvalidRequestException.class, () -> engine.encode(text, false, false), vocab);
                assertThrows(InvalidRequestException.class, () -> engine.countBatch(List.of("ok", text), false));
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
