package dev.llmplatform.bench.load;

import dev.llmplatform.bench.cli.MachineFacts;
import dev.llmplatform.bench.cli.Table;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.client.StreamResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a load run measured, printed as tables and written as JSON.
 *
 * @param config   the run's settings
 * @param phases   each traffic phase's figures, by phase name
 * @param overall  all traffic phases together
 * @param figures  the single figures (name to value), in report order
 * @param badInputs every bad-input case
 * @param faults   every fault drill
 * @param attacks  every attack, with the answer, survival and memory before and after
 * @param verdict  the must-be-zero figures
 */
record LoadRunReport(Map<String, Object> config, Map<String, TrafficFigures> phases, TrafficFigures overall,
        Map<String, Object> figures, List<BadInputCase> badInputs, List<FaultDrills.Fault> faults, List<Attack> attacks,
        Verdict verdict) {

    void print(PrintStream out) {
        Table phaseTable = new Table("traffic phases (latency of completed streams, ms)", "phase", "sent",
                "completed", "failed", "cancelled", "truncated", "hung", "rejected", "tok/s", "TTFT p50", "TTFT p90",
                "TTFT p99", "TPOT p50", "TPOT p99", "e2e p50", "e2e p99");
        phases.forEach((name, f) -> phaseTable.row(name, f.sent(), f.completed(), f.failed(), f.cancelled(),
                f.truncated(), f.hung(), f.rejected(), f.tokensPerSecond(), f.ttftMs().p50(), f.ttftMs().p90(),
                f.ttftMs().p99(), f.tpotMs().p50(), f.tpotMs().p99(), f.e2eMs().p50(), f.e2eMs().p99()));
        phaseTable.print(out);
        Table errors = new Table("errors by class (all traffic phases and drills)", "class", "count");
        overall.errorsByClass().forEach(errors::row);
        errors.print(out);
        Table bad = new Table("bad inputs (BAD-INPUTS.md item)", "item", "case", "expected", "actual", "handled",
                "answer excerpt");
        badInputs.forEach(c -> bad.row(c.item(), c.name(), String.join("/", c.expected()), c.actual(),
                c.ok() ? "yes" : "NO", c.detail()));
        bad.print(out);
        Table faultTable = new Table("faults", "drill", "streams", "outcomes", "without final error",
                "requests failed / checks missed");
        faults.forEach(f -> faultTable.row(f.name(), f.streams().size(), outcomes(f), f.streamsWithoutFinalError(),
                f.requestsFailedAfter()));
        faultTable.print(out);
        faults.forEach(f -> f.notes().forEach(note -> out.println("  " + f.name() + ": " + note)));
        Table attackTable = new Table("attacks (normal traffic beside them; RSS MiB before -> after)", "attack",
                "expected", "answer", "handled", "process survived", "RSS");
        attacks.forEach(a -> attackTable.row(a.name(), a.expected(), a.answer(), a.handled() ? "yes" : "NO",
                a.survived() ? "yes" : "NO", rss(a)));
        attackTable.print(out);
        Table figureTable = new Table("figures", "figure", "value");
        figures.forEach((k, v) -> figureTable.row(k, v));
        figureTable.print(out);
        Table zero = new Table("must be zero", "figure", "value", "verdict");
        verdict.mustBeZero().forEach((k, v) -> zero.row(k, v, v == 0 ? "ok" : "FAIL"));
        zero.print(out);
        out.println(verdict.passed() ? "\nLOAD RUN PASSED: every must-be-zero figure is zero"
                : "\nLOAD RUN FAILED: " + verdict.violations());
    }

    private static String outcomes(FaultDrills.Fault fault) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        fault.streams().forEach(r -> counts.merge(r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + (r.errorClass().isEmpty() ? "" : " (" + r.errorClass() + ")")
                + (r.outcome() == StreamResult.Outcome.COMPLETED ? " (" + r.finishReason() + ", "
                        + r.completionTokens() + " tok)" : ""), 1L, Long::sum));
        return counts.toString();
    }

    private static String rss(Attack attack) {
        StringBuilder text = new StringBuilder();
        attack.rssBeforeMib().forEach((role, before) -> text.append(text.length() == 0 ? "" : ", ").append(role)
                .append(' ').append(before).append("->").append(attack.rssAfterMib().getOrDefault(role, -1L)));
        return text.toString();
    }

    /** The report as a JSON tree of maps and lists. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", MachineFacts.collect());
        json.put("config", config);
        json.put("phases", phases);
        json.put("overall", overall);
        json.put("figures", figures);
        json.put("bad_inputs", badInputs);
        json.put("faults", faults.stream().map(f -> Map.of("name", f.name(), "streams", f.streams().size(),
                "streams_without_final_error", f.streamsWithoutFinalError(), "requests_failed",
                f.requestsFailedAfter(), "notes", f.notes())).toList());
        json.put("attacks", attacks);
        json.put("must_be_zero", verdict.mustBeZero());
        json.put("passed", verdict.passed());
        return json;
    }

    void write(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Json.writePretty(toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
