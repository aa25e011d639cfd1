package dev.llmplatform.compare;

import dev.llmplatform.testkit.chart.BarChart;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Draws {@code comparison.png} with the test kit's {@link BarChart}: two bar panels, tokens per second and time to
 * first token, with one pair of bars per model (client-side and server-side median), axis labels and a legend.
 */
public final class ComparisonChart {

    private static final List<BarChart.Series> SERIES = List.of(
            new BarChart.Series("client (gRPC stream, this tool)", new Color(0x1f77b4)),
            new BarChart.Series("server (Final.timings)", new Color(0xff7f0e)));

    private ComparisonChart() {
    }

    /** Writes the chart as PNG. */
    public static void write(List<ModelResult> results, Path png) throws IOException {
        List<String> models = results.stream().map(r -> r.facts().path().getFileName().toString()).toList();
        BarChart.write(List.of(
                panel("Tokens per second (median, higher is better)", "tokens/s", models, results,
                        ModelResult::tokensPerSecondP50Client, ModelResult::tokensPerSecondP50Server),
                panel("Time to first token (median, lower is better)", "milliseconds", models, results,
                        ModelResult::ttftP50Client, ModelResult::ttftP50Server)), SERIES, png);
    }

    private static BarChart.Panel panel(String title, String yLabel, List<String> models, List<ModelResult> results,
            ToDoubleFunction<ModelResult> client, ToDoubleFunction<ModelResult> server) {
        return new BarChart.Panel(title, yLabel, "model (GGUF file)", models, List.of(
                results.stream().mapToDouble(client).toArray(), results.stream().mapToDouble(server).toArray()));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        return BarChart.niceStep(raw);
    }
}
