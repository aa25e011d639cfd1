package dev.llmplatform.tokenizer.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.TokenizerFamily;
import dev.llmplatform.tokenizer.engine.TokenizerOrigin;
import dev.llmplatform.tokenizer.registry.TokenizerDirectoryScanner;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GGUF vocabularies served from a tokenizers folder, checked against llama.cpp's own test vectors. */
class GgufEngineTest {

    private static final List<String> VOCABS = List.of("ggml-vocab-gpt-2", "ggml-vocab-llama-spm", "ggml-vocab-phi-3",
            "ggml-vocab-falcon", "ggml-vocab-bert-bge");

    @TempDir
    Path dir;

    private TokenizerRegistry registry() throws IOException {
        for (String name : VOCABS) {
            Files.createSymbolicLink(dir.resolve(name + ".gguf"), TestAssets.file("gguf-vocab/" + name + ".gguf"));
        }
        return new TokenizerRegistry(TokenizerDirectoryScanner.scan(dir, Optional.of(GgufEngine::load)),
                Optional.empty());
    }

    @Test
    void matchesLlamaCppTestVectors() throws IOException {
        int checked = 0;
        List<String> misses = new ArrayList<>();
        try (TokenizerRegistry registry = registry()) {
            assertEquals(VOCABS.stream().sorted().toList(), registry.names());
            for (String name : VOCABS) {
                String[] inputs = Files.readString(TestAssets.file("gguf-vocab/" + name + ".gguf.inp"),
                        StandardCharsets.UTF_8).split("\n__ggml_vocab_test__\n", -1);
                List<String> outputs = Files.readAllLines(TestAssets.file("gguf-vocab/" + name + ".gguf.out"));
                for (int i = 0; i < outputs.size(); i++) {
                    int[] expected = outputs.get(i).isBlank() ? new int[0]
                            : Arrays.stream(outputs.get(i).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
                    int[] actual = registry.get(name).encode(inputs[i], false, false).ids();
                    checked++;
                    if (!Arrays.equals(expected, actual)) {
                        misses.add(name + " #" + i);
                    }
                }
            }
        }
        System.out.println("gguf vocabulary cases checked: " + checked + ", misses: " + misses);
        assertTrue(checked > 100, "cases " + checked);
        assertTrue(misses.isEmpty(), misses.toString());
    }

    @Test
    void describesAndOffsetsFromPieces() throws IOException {
        try (TokenizerRegistry registry = registry()) {
            var spm = registry.get("ggml-vocab-llama-spm");
            assertEquals(TokenizerOrigin.GGUF, spm.descriptor().origin());
            assertEquals(TokenizerFamily.BPE, spm.descriptor().family());
            assertEquals(32000, spm.descriptor().vocabSize());
            assertTrue(spm.descriptor().addsBos());
            EncodedText e = spm.encode("hello world", true, false);
            assertEquals(1, e.ids()[0]);
            assertTrue(e.special()[0]);
            assertEquals(-1, e.charStarts()[0]);
            assertArrayEquals(new int[] {-1, 0, 5}, e.charStarts());
            assertArrayEquals(new int[] {-1, 5, 11}, e.byteEnds());
            // The SentencePiece prefix space stays in the text: decoding follows the gguf module's detokenizer.
            assertEquals(" hello world", spm.decode(e.ids(), true));
            assertEquals("<s> hello world", spm.decode(e.ids(), false));

            EncodedText gpt2 = registry.get("ggml-vocab-gpt-2").encode("hello world", true, false);
            assertArrayEquals(new String[] {"hello", "Ġworld"}, gpt2.tokens());
            assertArrayEquals(new int[] {0, 5}, gpt2.charStarts());
            assertEquals(TokenizerFamily.WORDPIECE, registry.get("ggml-vocab-bert-bge").descriptor().family());
        }
    }
}
