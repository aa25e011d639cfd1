package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {

    static ModelFacts facts(String name) {
        return new ModelFacts(Path.of("/models/" + name + ".gguf"), name, "llama", "llama", 134_105_856,
                new Quantisation("Q4_0", Quantisation.FROM_FILE_TYPE), OptionalLong.of(12), OptionalLong.of(128),
                82_566_944, 111);
    }

    static ModelResult measured(String name, double tokensPerSecond, double ttft) {
        List<PromptResult> prompts = List.of(
                new PromptResult("story", " Max | ran <b>home</b>\nthe end", 64, 14, 20, "STOP", ttft, tokensPerSecond,
                        ttft - 5, tokensPerSecond - 1, ""),
                new PromptResult("list", "x".repeat(500), 64, 9, 64, "LENGTH", ttft + 10, tokensPerSecond + 2,
                        ttft + 5, tokensPerSecond + 1, ""),
                PromptResult.failed("code", 64, "INVALID_ARGUMENT: too long"));
        return new ModelResult(facts(name), 2.5, OptionalLong.of(300 * 1024), OptionalLong.of(330 * 1024), prompts,
                "");
    }

    @Test
    void modelRowHasFactsMeasurementsAndMedians() {
        String md = ComparisonReport.render(List.of(measured("random-134m-q4_0", 80, 40)), List.of(),
                PromptSet.builtIn(), 64, "2026-01-01T00:00:00Z");
        // medians over the two successful prompts: TTFT (40, 50) -> 45; tokens/s (80, 82) -> 81; server (79, 81) -> 80
        assertTrue(md.contains("| random-134m-q4\\_0 | llama | llama | 134.1M | Q4\\_0 | 12 | 128 | 78.7 MiB | 2.50 s"
                + " | 300.0 MiB | 330.0 MiB | 45.0 ms | 40.0 ms | 81.0 | 80.0 |"), md);
    }

    @Test
    void answersAreEscapedTrimmedAndTruncated() {
        String md = ComparisonReport.render(List.of(measured("m", 80, 40)), List.of(), PromptSet.builtIn(), 64, "now");
        assertTrue(md.contains("| m | story | 14 / 20 (max 64) | STOP | Max \\| ran &lt;b&gt;home&lt;/b&gt;<br>the end |"),
                md);
        assertTrue(md.contains("| m | list | 9 / 64 (max 64) | LENGTH | " + "x".repeat(239) + "… |"), md);
        assertTrue(md.contains("| m | code | 0 / 0 (max 64) | ERROR | error: INVALID\\_ARGUMENT: too long |"), md);
    }

    @Test
    void failedModelsAndSkippedFilesAreExplained() {
        ModelResult failed = ModelResult.failed(facts("broken"), "the service exited before it was ready");
        String md = ComparisonReport.render(List.of(failed), List.of("/v/vocab.gguf: vocabulary-only GGUF"),
                PromptSet.builtIn(), 64, "now");
        assertTrue(md.contains("| broken | llama | llama | 134.1M | Q4\\_0 | 12 | 128 | 78.7 MiB | n/a | n/a | n/a |"
                + " n/a | n/a | n/a | n/a |"), md);
        assertTrue(md.contains("**broken** was not measured: the service exited before it was ready"), md);
        assertTrue(md.contains("- /v/vocab.gguf: vocabulary-only GGUF"), md);
        assertEquals(1, md.lines().filter(l -> l.startsWith("| Model (file) |")).count());
    }
}
