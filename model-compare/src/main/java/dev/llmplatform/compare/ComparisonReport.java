package dev.llmplatform.compare;

import java.util.ArrayList;
import java.util.List;

/** Renders {@code comparison.md}: a table of model facts and measurements, then the answers per prompt. */
public final class ComparisonReport {

    /** Answers longer than this (in code points) are cut in the table. */
    public static final int ANSWER_CHARS = 240;

    private ComparisonReport() {
    }

    /**
     * The whole report.
     *
     * @param results   one per measured model
     * @param skipped   notes on files that were not measured (vocabulary-only, unreadable)
     * @param prompts   the prompt set
     * @param maxTokens the requested max_tokens
     * @param when      when the run happened (ISO-8601), printed in the heading
     */
    public static String render(List<ModelResult> results, List<String> skipped, List<Prompt> prompts, int maxTokens,
            String when) {
        StringBuilder md = new StringBuilder();
        md.append("# Model comparison\n\n");
        md.append("Run ").append(when).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPU cores; ").append(prompts.size()).append(" prompts as chat messages, temperature 0, seed ")
                .append(ModelRunner.SEED).append(", max_tokens ").append(maxTokens)
                .append(" (lowered per prompt to what the model's context leaves). One service at a time, one slot. ")
                .append("Timings are single runs on a possibly shared machine: treat them as noisy.\n\n");
        md.append(Markdown.table(List.of("Model (file)", "general.name", "Architecture", "Parameters", "Quantisation", "Layers",
                "Trained context", "File size", "Load time", "RSS ready", "Peak RSS", "TTFT p50 client",
                "TTFT p50 server", "Tokens/s p50 client", "Tokens/s p50 server"), modelRows(results),
                false, false, false, true, false, true, true, true, true, true, true, true, true, true, true));
        md.append("\nQuantisation: from `general.file_type` unless marked *(dominant tensor type)*. ")
                .append("Load time: process start until `/q/health/ready` answers 200 (JVM start, model load, ")
                .append("warm-up token), polled every 50 ms. RSS ready: VmRSS of the service process when ready; ")
                .append("Peak RSS: its VmHWM after the last prompt. Client figures time the gRPC stream here; ")
                .append("server figures are `Final.timings`. Tokens/s counts tokens after the first chunk.\n");
        for (ModelResult r : results) {
            if (!r.error().isEmpty()) {
                md.append("\n**").append(Markdown.escapeCell(r.facts().name())).append("** was not measured: ")
                        .append(Markdown.escapeCell(r.error())).append('\n');
            }
        }
        if (!skipped.isEmpty()) {
            md.append("\nSkipped:\n\n");
            skipped.forEach(s -> md.append("- ").append(Markdown.escapeCell(s)).append('\n'));
        }
        md.append("\n## Prompts\n\n");
        List<List<String>> promptRows = new ArrayList<>();
        for (Prompt p : prompts) {
            promptRows.add(List.of(p.id(), String.join("\n", p.messages().stream()
                    .map(m -> m.role() + ": " + m.content()).toList())));
        }
        md.append(Markdown.table(List.of("Prompt", "Messages"), promptRows));
        md.append("\n## Answers\n\n");
        md.append(Markdown.table(List.of("Model", "Prompt", "Tokens in/out", "Finish", "Answer (first "
                + ANSWER_CHARS + " characters)"), answerRows(results), false, false, true, false, false));
        return md.toString();
    }

    private static List<List<String>> modelRows(List<ModelResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelResult r : results) {
            ModelFacts f = r.facts();
            Quantisation q = f.quantisation();
            rows.add(List.of(f.name(), f.generalName(), f.architecture(), Units.count(f.parameters()),
                    q.name() + (Quantisation.FROM_FILE_TYPE.equals(q.source()) ? "" : " (" + q.source() + ")"),
                    Units.optional(f.layers()), Units.optional(f.contextLength()), Units.bytes(f.fileSize()),
                    Units.number(r.loadSeconds(), 2, "s"), Units.kib(r.readyRssKib()), Units.kib(r.peakRssKib()),
                    Units.number(r.ttftP50Client(), 1, "ms"), Units.number(r.ttftP50Server(), 1, "ms"),
                    Units.number(r.tokensPerSecondP50Client(), 1, ""),
                    Units.number(r.tokensPerSecondP50Server(), 1, "")));
        }
        return rows;
    }

    private static List<List<String>> answerRows(List<ModelResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelResult r : results) {
            for (PromptResult p : r.prompts()) {
                String answer = p.failed() ? "error: " + p.error() : Markdown.truncate(p.answer().strip(), ANSWER_CHARS);
                rows.add(List.of(r.facts().name(), p.promptId(), p.promptTokens() + " / " + p.completionTokens()
                        + " (max " + p.maxTokens() + ")", p.finishReason(), answer));
            }
        }
        return rows;
    }
}
