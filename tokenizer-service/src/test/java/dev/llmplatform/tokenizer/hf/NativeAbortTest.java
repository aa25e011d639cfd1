package dev.llmplatform.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.TestEngines;
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
 * Why the guards exist and where their limits sit, shown on the raw library in child JVMs (an abort there is
 * harmless): the Hugging Face tokenizers library (DJL 0.36.0) aborts the whole process (SIGABRT, exit 134) when
 * Oniguruma passes its backtracking limit, on a long whitespace run with Llama 3's split expression and on a few dozen
 * characters with a backtracking expression such as {@code (a|aa)+$}. The service refuses the first text
 * ({@link WhitespaceRunGuard}) and the second file ({@link PipelineRegexes}). Should a future library stop aborting,
 * these tests fail and say so: the guard's limit can then be revisited.
 *
 * <p>The abort point is shown once per shape class (a whitespace run; a backtracking expression), each abort in a
 * child of its own; the texts the library must answer share one child. The probes run normalization and
 * pre-tokenization only (the model replaced by an empty WordLevel): that is where the regex engine works, so an
 * abort or an answer there is the library's, without the minutes a BPE model takes on a 10 M-character word.
 */
class NativeAbortTest {

    private static final int ABORT = 134;

    private static Path tokenizerJson(String name) {
        return TestAssets.dir("tokenizers").resolve(name).resolve("tokenizer.json");
    }

    @Test
    void theRawLibraryAnswersRunsUpToTheGuardsLimitAndShortBacktrackingInput() throws Exception {
        Child child = child(List.of(
                NativeAbortProbe.probe(true, tokenizerJson("llama-3.1"), "-", "a", "\\s", WhitespaceRunGuard.MAX_RUN,
                        "b"),
                NativeAbortProbe.probe(true, tokenizerJson("qwen2.5"), "-", "a", "\\s", WhitespaceRunGuard.MAX_RUN,
                        "b"),
                NativeAbortProbe.probe(true, tokenizerJson("qwen2.5"), "-", "", "\\t\\s",
                        WhitespaceRunGuard.MAX_RUN / 2, ""),
                NativeAbortProbe.probe(true, tokenizerJson("gpt2"), "(a|aa)+$", "", "a", 20, "b")));
        assertEquals(0, child.exit(), child.output());
        for (int probe = 1; probe <= 4; probe++) {
            assertTrue(child.output().contains("probe " + probe + ": answered "), child.output());
        }
    }

    @Test
    void theRawLibraryAbortsOnTheRunTheGuardRefuses() throws Exception {
        int run = WhitespaceRunGuard.SHORTEST_MEASURED_ABORT + 100;
        Child child = child(List.of(NativeAbortProbe.probe(true, tokenizerJson("llama-3.1"), "-", "a", "\\s", run,
                "b")));
        assertEquals(ABORT, child.exit(), "the raw library no longer aborts on a run of " + run + " spaces "
                + "(llama-3.1); revisit WhitespaceRunGuard.MAX_RUN. Output:\n" + child.output());
        assertTrue(child.output().contains("retry-limit-in-match"), child.output());
        String text = "a" + " ".repeat(run) + "b";
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> TestEngines.huggingFace("llama-3.1").count(text, true));
        assertTrue(refused.getMessage().startsWith("text has a run of " + run + " whitespace characters"),
                refused.getMessage());
    }

    @Test
    void theRawLibraryAbortsOnABacktrackingSplitExpression() throws Exception {
        Child child = child(List.of(NativeAbortProbe.probe(true, tokenizerJson("gpt2"), "(a|aa)+$", "", "a", 40,
                "b")));
        assertEquals(ABORT, child.exit(), "the raw library answered 40 characters with (a|aa)+$; output:\n"
                + child.output());
        assertTrue(child.output().contains("retry-limit-in-match"), child.output());
    }

    @Test
    void theGuardRefusesEveryRunShapeUpToTheServiceLimitOnEveryNativeEntry() {
        int limit = 10 * 1024 * 1024;
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("spaces", " ".repeat(limit));
        shapes.put("tabs after a letter", "x" + "\t".repeat(limit - 1));
        shapes.put("tab/space mix", "\t ".repeat(limit / 2));
        shapes.put("vertical tab, form feed", "\u000b\f".repeat(limit / 2));
        shapes.put("NBSP, ideographic space, space", "\u00a0\u3000 ".repeat(WhitespaceRunGuard.MAX_RUN / 3 + 1));
        shapes.put("just past the limit", "a" + " ".repeat(WhitespaceRunGuard.MAX_RUN + 1) + "b");
        for (String name : List.of("llama-3.1", "qwen2.5")) {
            HuggingFaceEngine engine = TestEngines.huggingFace(name);
            assertEquals(WhitespaceRunGuard.MAX_RUN, engine.maxWhitespaceRun());
            for (Map.Entry<String, String> shape : shapes.entrySet()) {
                String text = shape.getValue();
                String what = name + " " + shape.getKey();
                assertThrows(InvalidRequestException.class, () -> engine.count(text, true), what);
                assertThrows(InvalidRequestException.class, () -> engine.countBatch(List.of("ok", text), true), what);
                assertThrows(InvalidRequestException.class, () -> engine.encode(text, true, false), what);
                assertThrows(InvalidRequestException.class, () -> engine.countParsingSpecials(text), what);
                assertThrows(InvalidRequestException.class, () -> engine.countPrompt(text,
                        new java.util.BitSet()), what + " (a chat prompt's part)");
            }
        }
    }

    /** The exit code and output of {@link NativeAbortProbe} in a child JVM. */
    private record Child(int exit, String output) {
    }

    private static Child child(List<List<String>> probes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                NativeAbortProbe.class.getName()));
        for (int i = 0; i < probes.size(); i++) {
            if (i > 0) {
                command.add("--");
            }
            command.addAll(probes.get(i));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child JVM did not finish within 5 minutes");
        }
        return new Child(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
