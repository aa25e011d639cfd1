package dev.llmplatform.bench.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTest {

    private static final List<String> TEXTS = List.of("Hello world", "日本語のテキスト", "emoji 🙂 text", "code() {}");

    @Test
    void isDeterministicAndReachesTheSize() {
        Corpus a = Corpus.build(TEXTS, 100_000, 1000, 7);
        Corpus b = Corpus.build(TEXTS, 100_000, 1000, 7);
        assertEquals(a, b);
        assertTrue(a.bytes() >= 100_000);
        long counted = a.documents().stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
        assertEquals(counted, a.bytes());
        assertTrue(a.documents().stream().allMatch(d -> d.getBytes(StandardCharsets.UTF_8).length >= 1000));
        assertTrue(!a.equals(Corpus.build(TEXTS, 100_000, 1000, 8)), "another seed mixes differently");
    }

    @Test
    void batchesCoverEveryDocumentOnce() {
        List<String> docs = Corpus.build(TEXTS, 20_000, 500, 1).documents();
        List<List<String>> batches = Throughput.batches(docs, 7);
        assertEquals(docs, batches.stream().flatMap(List::stream).toList());
        assertTrue(batches.stream().allMatch(b -> b.size() <= 7 && !b.isEmpty()));
    }

    @Test
    void refusesAnEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> Corpus.build(List.of(), 10, 10, 1));
    }
}
