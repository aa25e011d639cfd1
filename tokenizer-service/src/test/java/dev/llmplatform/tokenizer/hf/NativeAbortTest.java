package dev.llmplatform.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Why the guards exist, shown on the raw library in child JVMs (an abort there is harmless): the Hugging Face
 * tokenizers library (DJL 0.36.0) aborts the whole process (SIGABRT, exit 134) when Oniguruma passes its
 * backtracking limit, on a long run of spaces with Llama 3's split expression and on a few dozen characters with a
 * backtracking expression such as {@code (a|aa)+$}. The service refuses the first text ({@link WhitespaceRunGuard})
 * and the second file ({@link PipelineRegexes}). Should a future library stop aborting, these tests fail and say
 * so: the guard's limit can then be revisited.
 */
class NativeAbortTest {

    private static final int ABORT = 134;

    @Test
    void theRawLibraryAbortsOnTheRunTheGuardRefuses() throws Exception {
        Path llama = TestAssets.dir("tokenizers").resolve("llama-3.1/tokenizer.json");
        int run = WhitespaceRunGuard.SHORTEST_MEASURED_ABORT + 100;
        Child child = child(llama, "-", "a", "\\s", run, "b");
        assertEquals(ABORT, child.exit(), "the raw library no longer aborts on a run of " + run + " spaces "
                + "(llama-3.1); revisit WhitespaceRunGuard.MAX_RUN. Output:\n" + child.output());
        assertTrue(child.output().contains("retry-limit-in-match"), child.output());
        HuggingFaceEngine guarded = HuggingFaceEngine.load("llama-3.1", llama.getParent());
        try {
            String text = "a" + " ".repeat(run) + "b";
            InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                    () -> guarded.count(text, true));
            assertTrue(refused.getMessage().startsWith("text has a run of " + run + " whitespace characters"),
                    refused.getMessage());
        } finally {
            guarded.close();
        }
    }

    @Test
    void theRawLibraryAbortsOnABacktrackingSplitExpression() throws Exception {
        Path gpt2 = TestAssets.dir("tokenizers").resolve("gpt2/tokenizer.json");
        Child fine = child(gpt2, "(a|aa)+$", "", "a", 20, "b");
        assertEquals(0, fine.exit(), fine.output());
        Child child = child(gpt2, "(a|aa)+$", "", "a", 40, "b");
        assertNotEquals(0, child.exit(), "the raw library answered 40 characters with (a|aa)+$; output:\n"
                + child.output());
        assertEquals(ABORT, child.exit(), child.output());
        assertTrue(child.output().contains("retry-limit-in-match"), child.output());
    }

    @Test
    void theGuardRefusesEveryRunShapeUpToTheServiceLimitOnEveryNativeEntry() throws IOException {
        int limit = 10 * 1024 * 1024;
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("spaces", " ".repeat(limit));
        shapes.put("tabs after a letter", "x" + "\t".repeat(limit - 1));
        shapes.put("tab/space mix", "\t ".repeat(limit / 2));
        shapes.put("vertical tab, form feed", "\u000b\f".repeat(limit / 2));
        shapes.put("NBSP, ideographic space, space", "\u00a0\u3000 ".repeat(WhitespaceRunGuard.MAX_RUN / 3 + 1));
        shapes.put("just past the limit", "a" + " ".repeat(WhitespaceRunGuard.MAX_RUN + 1) + "b");
        for (String name : List.of("llama-3.1", "qwen2.5")) {
            HuggingFaceEngine engine = HuggingFaceEngine.load(name, TestAssets.dir("tokenizers").resolve(name));
            try {
                assertEquals(WhitespaceRunGuard.MAX_RUN, engine.maxWhitespaceRun());
                for (Map.Entry<String, String> shape : shapes.entrySet()) {
                    String text = shape.getValue();
                    String what = name + " " + shape.getKey();
                    assertThrows(InvalidRequestException.class, () -> engine.count(text, true), what);
                    assertThrows(InvalidRequestException.class, () -> engine.countBatch(List.of("ok", text), true),
                            what);
                    assertThrows(InvalidRequestException.class, () -> engine.encode(text, true, false), what);
                    assertThrows(InvalidRequestException.class, () -> engine.countParsingSpecials(text), what);
                }
            } finally {
                engine.close();
            }
        }
    }

    /** The exit code and output of {@link NativeAbortProbe} in a child JVM. */
    private record Child(int exit, String output) {
    }

    private static Child child(Path tokenizerJson, String regex, String prefix, String fill, int count, String suffix)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                NativeAbortProbe.class.getName(), tokenizerJson.toString(), regex, prefix, fill,
                Integer.toString(count), suffix));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child JVM did not finish within 5 minutes");
        }
        return new Child(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
