package dev.llmplatform.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Behaviour around the core algorithms: special tokens, decoding, metadata, hostile input, threads. */
class GgufTokenizerTest {

    private static GgufTokenizer tokenizer(String name) throws Exception {
        Path path = TestAssets.dir("gguf-vocab").resolve("ggml-vocab-" + name + ".gguf");
        return GgufTokenizer.create(GgufVocabulary.from(GgufFile.read(path)));
    }

    @Test
    void addsBosForSentencePieceAndClsSepForBert() throws Exception {
        GgufTokenizer spm = tokenizer("llama-spm");
        assertTrue(spm.addsBos());
        assertFalse(spm.addsEos());
        int[] plain = spm.encode("Hello world", false, false);
        assertArrayEquals(new int[] {15043, 3186}, plain); // .out line 11 of the llama.cpp vectors
        int[] withBos = spm.encode("Hello world", true, false);
        assertEquals(1, withBos[0]);
        assertArrayEquals(plain, Arrays.copyOfRange(withBos, 1, withBos.length));

        GgufTokenizer bert = tokenizer("bert-bge");
        int[] ids = bert.encode("Hello world", true, false);
        assertEquals(101, ids[0]);
        assertEquals(102, ids[ids.length - 1]);
        assertEquals("bert", bert.model());
        assertEquals("bert-bge", bert.preTokenizer());
    }

    @Test
    void specialTokenTextIsLiteralUnlessParsed() throws Exception {
        GgufTokenizer gpt2 = tokenizer("gpt-2");
        assertEquals(List.of("<|endoftext|>"), gpt2.specialTokens());
        assertArrayEquals(new int[] {50256}, gpt2.encode("<|endoftext|>", false, true));
        int[] literal = gpt2.encode("<|endoftext|>", false, false);
        assertTrue(literal.length > 1 && Arrays.stream(literal).noneMatch(id -> id == 50256), Arrays.toString(literal));
        assertEquals("<|endoftext|>", gpt2.decode(literal));

        GgufTokenizer spm = tokenizer("llama-spm");
        int[] forged = spm.encode("</s><s>", false, false);
        assertTrue(Arrays.stream(forged).noneMatch(id -> id == 1 || id == 2), Arrays.toString(forged));
        assertArrayEquals(new int[] {2}, spm.encode("</s>", false, true));
    }

    @Test
    void decodesBackToTheText() throws Exception {
        List<String> texts = List.of("Hello world", "  two leading spaces", "Ünïcödé 🦙 日本語", "tabs\tand\nlines",
                "it's 100% done, isn't it?");
        for (String name : List.of("llama-spm", "phi-3", "gpt-2", "falcon")) {
            GgufTokenizer tokenizer = tokenizer(name);
            for (String text : texts) {
                assertEquals(text, tokenizer.decode(tokenizer.encode(text, false, false)), name + ": " + text);
            }
        }
        GgufTokenizer bert = tokenizer("bert-bge");
        assertEquals(" hello world", bert.decode(bert.encode("Héllo WORLD", false, false)));
    }

    @Test
    void piecesJoinIntoValidUtf8() throws Exception {
        GgufTokenizer spm = tokenizer("llama-spm");
        int[] ids = spm.encode("🦙", false, false); // byte fallback: four <0xXX> tokens after the space token
        assertEquals(5, ids.length);
        assertArrayEquals(new byte[] {(byte) 0xF0}, spm.pieceBytes(ids[1]));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int id : ids) {
            joined.writeBytes(spm.pieceBytes(id));
        }
        assertEquals(" 🦙", joined.toString(StandardCharsets.UTF_8));
        assertEquals(" Hello", spm.piece(15043));
        assertEquals("<s>", spm.piece(1));
        assertEquals("", spm.decode(new int[] {1}, false));
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() throws Exception {
        GgufTokenizer spm = tokenizer("llama-spm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spm.decode(new int[] {32000}));
        assertEquals("token id 32000 is outside the vocabulary (0..31999)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spm.piece(-1));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() throws Exception {
        GgufTokenizer gpt2 = tokenizer("gpt-2");
        assertArrayEquals(gpt2.encode("a\uFFFDb", false, false), gpt2.encode("a\uD800b", false, false));
        assertArrayEquals(gpt2.encode("\uFFFD", false, false), gpt2.encode("\uDC00", false, false));
    }

    @Test
    void theRandomModelSharesTheLlamaSpmVocabulary() throws Exception {
        GgufTokenizer model = GgufTokenizer.create(
                GgufVocabulary.from(GgufFile.read(TestAssets.file("models/random-134m-q4_0.gguf"))));
        Path spm = TestAssets.dir("gguf-vocab").resolve("ggml-vocab-llama-spm.gguf");
        LlamaCppVocabCases cases = LlamaCppVocabCases.read(spm);
        for (int i = 0; i < cases.inputs().size(); i++) {
            assertArrayEquals(cases.expected().get(i), model.encode(cases.inputs().get(i), false, false), "case " + i);
        }
        assertEquals(32000, model.vocabSize());
    }

    @Test
    void pathologicalInputsTakeBoundedTime() throws Exception {
        for (String name : List.of("llama-spm", "gpt-2", "falcon", "bert-bge")) {
            GgufTokenizer tokenizer = tokenizer(name);
            for (String text : List.of("a".repeat(200_000), "xy".repeat(250_000), " ".repeat(200_000))) {
                long start = System.nanoTime();
                int count = tokenizer.encode(text, true, true).length;
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(count > 0);
                // Quadratic work on these inputs would take minutes; the linear-logarithmic algorithms take ~1 s.
                assertTrue(millis < 20_000, name + " took " + millis + " ms for " + text.length() + " chars");
            }
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        GgufTokenizer falcon = tokenizer("falcon");
        List<String> texts = IntStream.range(0, 64).mapToObj(i -> "text " + i + " with ünïcode and numbers " + i * 7919)
                .toList();
        List<int[]> sequential = texts.stream().map(t -> falcon.encode(t, false, false)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> futures = texts.stream().map(t -> pool.submit(() -> falcon.encode(t, false, false)))
                    .toList();
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(sequential.get(i), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
