package dev.llmplatform.gguf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * llama.cpp's tokenizer test vectors ({@code ggml-vocab-<name>.gguf.inp/.out}), read as its tests/test-tokenizer-0.cpp
 * reads them: the inputs are the .inp text cut at every "\n__ggml_vocab_test__\n" (nothing else is stripped), the
 * expected ids are the .out lines, trimmed and split at spaces.
 */
record LlamaCppVocabCases(List<String> inputs, List<int[]> expected) {

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    static LlamaCppVocabCases read(Path gguf) throws IOException {
        String raw = Files.readString(Path.of(gguf + ".inp"), StandardCharsets.UTF_8);
        List<String> inputs = new ArrayList<>();
        int pos = 0;
        while (pos < raw.length()) {
            int next = raw.indexOf(SEPARATOR, pos);
            if (next < 0) {
                inputs.add(raw.substring(pos));
                break;
            }
            inputs.add(raw.substring(pos, next));
            pos = next + SEPARATOR.length();
        }
        List<int[]> expected = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(gguf + ".out"), StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            expected.add(trimmed.isEmpty() ? new int[0]
                    : Arrays.stream(trimmed.split(" ")).mapToInt(Integer::parseInt).toArray());
        }
        if (inputs.size() != expected.size()) {
            throw new IllegalStateException(gguf + ": " + inputs.size() + " inputs but " + expected.size() + " outputs");
        }
        return new LlamaCppVocabCases(inputs, expected);
    }
}
