package dev.llmplatform.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every case of llama.cpp's own tokenizer test vectors (build b4916), tokenized as its test-tokenizer-0 does:
 * add_special = false, parse_special = false.
 */
class GgufTokenizerConformanceTest {

    /** Inputs per file in the b4916 test vectors (the five files share one .inp). */
    private static final int CASES_PER_FILE = 46;

    @ParameterizedTest
    @ValueSource(strings = {"llama-spm", "phi-3", "gpt-2", "falcon", "bert-bge"})
    void matchesLlamaCpp(String name) throws Exception {
        Path gguf = TestAssets.dir("gguf-vocab").resolve("ggml-vocab-" + name + ".gguf");
        LlamaCppVocabCases cases = LlamaCppVocabCases.read(gguf);
        GgufTokenizer tokenizer = GgufTokenizer.create(GgufVocabulary.from(GgufFile.read(gguf)));

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < cases.inputs().size(); i++) {
            String input = cases.inputs().get(i);
            int[] expected = cases.expected().get(i);
            int[] actual = tokenizer.encode(input, false, false);
            checked++;
            if (!Arrays.equals(expected, actual)) {
                failures.add("case " + i + " '" + input.replace("\n", "\\n") + "': expected " + Arrays.toString(expected)
                        + " got " + Arrays.toString(actual));
            }
        }
        System.out.printf("ggml-vocab-%s: %d cases checked, %d passed%n", name, checked, checked - failures.size());
        assertEquals(CASES_PER_FILE, checked, "cases checked in " + name);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " cases differ:\n" + String.join("\n", failures));
    }
}
