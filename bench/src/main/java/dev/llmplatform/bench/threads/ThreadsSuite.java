package dev.llmplatform.bench.threads;

import de.kherud.llama.LlamaModel;
import dev.llmplatform.bench.cli.MachineFacts;
import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.cli.Table;
import dev.llmplatform.bench.peer.PeerServer;
import dev.llmplatform.bench.platform.ModelChoice;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.ThreadCount;
import dev.llmplatform.inference.engine.TokenStream;
import dev.llmplatform.inference.engine.llama.LlamaModelParameters;
import dev.llmplatform.inference.engine.llama.LlamaTextEngine;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.stats.Percentiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Suite {@code threads}: decode speed of one stream by thread count, inside this JVM (the service's engine code, one
 * model loaded per thread count) and in llama-server (one process per thread count, when {@code LLM_PEER_SERVER}
 * names the binary), single streams taking turns round by round so that the machine's load falls on all alike. The
 * load average is printed before and after: on a machine whose cores are busy, threads that meet at a barrier every
 * operation stall whenever one of them is preempted, whoever runs them.
 */
public final class ThreadsSuite {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private ThreadsSuite() {
    }

    /** Runs the suite; returns the exit status. */
    public static int run(Options options) {
        ModelChoice model = ModelChoice.resolve(options.string("model", "random-134m-q4_0"));
        int tokens = model.fitTokens(options.integer("tokens", 96, 2, 4096));
        int rounds = options.integer("rounds", 10, 1, 1000);
        String counts = options.string("threads", "1,2");
        String peerSpec = options.string("peer", System.getenv().getOrDefault("LLM_PEER_SERVER", ""));
        Path logs = Path.of(options.string("logs", "bench/target/bench-logs"));
        options.rejectUnknown();
        List<Integer> threads = new ArrayList<>();
        for (String part : counts.split(",")) {
            threads.add(Integer.parseInt(part.strip()));
        }
        int context = Math.min(model.maxContext(), tokens + 64);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("threads: %s, %d tokens, greedy, 1 slot of %d, %d rounds; the platform's default here: %d"
                + " thread(s) on %d cores%n", model.servedName(), tokens, context, rounds,
                ThreadCount.choose(0, cores), cores);
        Map<String, Supplier<StreamResult>> paths = new LinkedHashMap<>();
        List<AutoCloseable> open = new ArrayList<>();
        HttpClient http = HttpJson.newClient();
        ChatRequest chat = new ChatRequest(model.servedName(), "Once upon a time", tokens, 0.0, 42);
        try {
            for (int t : threads) {
                TextEngine engine = new LlamaTextEngine(new LlamaModel(LlamaModelParameters.of(model.path(), context,
                        1, t, 0, false, false)), new ModelFacts(model.servedName(), context, 1, false, true, 1, 0, 0),
                        false);
                open.add(engine);
                paths.put(jvmPath(t), () -> stream(engine, tokens));
            }
            for (int t : threads) {
                PeerServer peer = PeerServer.start(peerSpec, model.path(), context, 1, t, false,
                        logs.resolve("threads-peer-" + t));
                if (peer == null) {
                    break;
                }
                open.add(peer);
                SseChat sse = new SseChat(http, peer.baseUrl());
                paths.put(peerPath(t), () -> sse.stream(chat, -1, TIMEOUT));
            }
            paths.values().forEach(path -> {
                path.get();
                path.get();
            });
            double before = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Map<String, List<Double>> decode = new LinkedHashMap<>();
            paths.keySet().forEach(name -> decode.put(name, new ArrayList<>()));
            for (int r = 0; r < rounds; r++) {
                paths.forEach((name, path) -> decode.get(name).add(1000 / path.get().tpotMs()));
            }
            double after = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Table table = new Table(String.format("one stream's decode tokens/s by thread count (medians of %d; load"
                    + " average %.2f before, %.2f after)", rounds, before, after), "path", "p50", "min", "max");
            decode.forEach((name, values) -> {
                Percentiles p = Percentiles.of(values);
                table.row(name, p.median(), p.interpolated(0), p.max());
            });
            table.print(System.out);
            printRatios(threads, decode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            for (AutoCloseable closeable : open) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.out.println("close failed: " + e);
                }
            }
        }
        MachineFacts.print(System.out);
        return 0;
    }

    private static String jvmPath(int threads) {
        return "in-process (JVM), " + threads + " thread(s)";
    }

    private static String peerPath(int threads) {
        return "llama-server, " + threads + " thread(s)";
    }

    /** Medians as ratios: the JVM over llama-server at each thread count, and each side's last count over its first. */
    private static void printRatios(List<Integer> threads, Map<String, List<Double>> decode) {
        Table table = new Table("ratios of the medians (JVM / llama-server at the same threads; each count / "
                + threads.get(0) + " thread(s) on the same side)", "threads", "JVM tok/s", "llama-server tok/s",
                "JVM / llama-server", "JVM vs " + threads.get(0), "llama-server vs " + threads.get(0));
        double jvmFirst = median(decode.get(jvmPath(threads.get(0))));
        double peerFirst = median(decode.get(peerPath(threads.get(0))));
        for (int t : threads) {
            double jvm = median(decode.get(jvmPath(t)));
            double peer = median(decode.get(peerPath(t)));
            table.row(Integer.toString(t), jvm, peer, jvm / peer, jvm / jvmFirst, peer / peerFirst);
        }
        table.print(System.out);
    }

    /** The median, or NaN without values (no peer). */
    private static double median(List<Double> values) {
        return values == null || values.isEmpty() ? Double.NaN : Percentiles.of(values).median();
    }

    private static StreamResult stream(TextEngine engine, int tokens) {
        long start = System.nanoTime();
        TokenStream stream = engine.start(new EngineRequest(new EnginePrompt.Text("Once upon a time"), tokens, 0f,
                0.95f, 40, 0.05f, 1f, 42), 0);
        long ttft = -1;
        int count = 0;
        for (Piece piece = stream.next(); piece != null; piece = stream.next()) {
            count += piece.token() ? 1 : 0;
            if (ttft < 0 && !piece.text().isEmpty()) {
                ttft = System.nanoTime() - start;
            }
        }
        return new StreamResult(StreamResult.Outcome.COMPLETED, "", ttft, System.nanoTime() - start, count, "", 0,
                "");
    }
}
