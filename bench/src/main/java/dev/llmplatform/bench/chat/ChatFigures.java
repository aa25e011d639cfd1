package dev.llmplatform.bench.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmplatform.testkit.chart.BarChart;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.stats.Percentiles;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the chat suite's figures as JSON and draws them with the test kit's {@link BarChart} (as the model
 * comparison draws its chart): time to first token per turn of the multi-turn scenario, decode tokens/s per path and
 * per turn, and single-request TTFT, each path against the peer.
 */
final class ChatFigures {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private ChatFigures() {
    }

    static void write(Path json, Path png, String model, int threads, List<PathFigures> figures, TtftBench.Result ttft,
                      Map<String, List<List<StreamResult>>> turns, Map<String, ServeStats> serve,
                      Map<Integer, double[]> sweep, List<String> peerCommand) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("threads", threads);
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("peer_command", peerCommand);
        root.put("paths", figures);
        root.put("ttft_short_request_ms", ttft.byPath());
        Map<String, Object> perTurn = new LinkedHashMap<>();
        turns.forEach((path, byTurn) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int t = 0; t < byTurn.size(); t++) {
                List<StreamResult> results = byTurn.get(t);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("turn", t + 1);
                row.put("ttft_ms", Percentiles.of(results.stream().map(StreamResult::ttftMs).toList()).summary());
                row.put("decode_tokens_per_second",
                        Percentiles.of(results.stream().map(r -> 1000 / r.tpotMs()).toList()).median());
                row.put("completion_tokens", results.stream().mapToInt(StreamResult::completionTokens).sum());
                rows.add(row);
            }
            perTurn.put(path, rows);
        });
        root.put("multi_turn", perTurn);
        root.put("multi_turn_serve", serve);
        Map<String, Object> peerThreads = new LinkedHashMap<>();
        sweep.forEach((t, pair) -> peerThreads.put(Integer.toString(t), Map.of("platform_decode_tokens_per_second",
                pair[0], "peer_decode_tokens_per_second", pair[1])));
        root.put("peer_thread_sweep", peerThreads);
        try {
            Files.createDirectories(json.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
            chart(png, figures, ttft, turns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures to " + json + " / " + png, e);
        }
    }

    private static void chart(Path png, List<PathFigures> figures, TtftBench.Result ttft,
                              Map<String, List<List<StreamResult>>> turns) throws IOException {
        List<String> names = figures.stream().map(PathFigures::name).toList();
        List<BarChart.Series> series = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            series.add(new BarChart.Series(names.get(i), COLORS[i % COLORS.length]));
        }
        List<BarChart.Panel> panels = new ArrayList<>();
        List<double[]> speed = new ArrayList<>();
        List<double[]> short1 = new ArrayList<>();
        for (PathFigures f : figures) {
            speed.add(new double[] {f.singleDecodeTps(), f.afterConcurrentDecodeTps(), f.concurrentTps()});
            Percentiles.Summary s = ttft.byPath().get(f.name());
            short1.add(new double[] {s == null ? Double.NaN : s.p50()});
        }
        panels.add(new BarChart.Panel("Tokens per second (median, higher is better)", "tokens/s", "stream(s)",
                List.of("1 stream decode", "1 after conc.", "N concurrent"), speed));
        panels.add(new BarChart.Panel("TTFT, one short request (p50, lower is better)", "milliseconds", "path",
                List.of("short request"), short1));
        if (!turns.isEmpty()) {
            int count = turns.values().iterator().next().size();
            List<String> labels = new ArrayList<>();
            for (int t = 1; t <= count; t++) {
                labels.add("turn " + t);
            }
            List<double[]> ttftPerTurn = new ArrayList<>();
            List<double[]> tpsPerTurn = new ArrayList<>();
            for (String name : names) {
                List<List<StreamResult>> byTurn = turns.get(name);
                double[] ms = new double[count];
                double[] tps = new double[count];
                for (int t = 0; t < count; t++) {
                    ms[t] = byTurn == null ? Double.NaN
                            : Percentiles.of(byTurn.get(t).stream().map(StreamResult::ttftMs).toList()).median();
                    tps[t] = byTurn == null ? Double.NaN
                            : Percentiles.of(byTurn.get(t).stream().map(r -> 1000 / r.tpotMs()).toList()).median();
                }
                ttftPerTurn.add(ms);
                tpsPerTurn.add(tps);
            }
            panels.add(new BarChart.Panel("Multi-turn TTFT per turn (median, lower is better)", "milliseconds",
                    "turn", labels, ttftPerTurn));
            panels.add(new BarChart.Panel("Multi-turn decode per turn (median, higher is better)", "tokens/s",
                    "turn", labels, tpsPerTurn));
        }
        BarChart.write(panels, series, png);
    }
}
