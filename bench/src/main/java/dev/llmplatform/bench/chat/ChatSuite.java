package dev.llmplatform.bench.chat;

import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.cli.Table;
import dev.llmplatform.bench.platform.ModelChoice;
import dev.llmplatform.bench.platform.PlatformConfig;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.GenerateClient;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.WsChat;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.stats.Percentiles;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suite {@code chat}: streaming speed of one model (a) in-process through the service's engine code (llama-engine over
 * de.kherud:llama), (b) over gRPC straight
 * to the inference service, (c) through the gateway over SSE and (d) over WebSocket, alone and N at a time. The
 * in-process model stays loaded in this JVM while the platform runs, so that the four paths take turns run by run
 * ({@link PathBench}); only one of them generates at a time, the others' engines wait idle.
 */
public final class ChatSuite {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);
    /** Tokens asked for in the TTFT phase: enough for a first non-empty text piece, short enough to be quick. */
    private static final int TTFT_TOKENS = 4;
    /** Issue 6: time to first token through the gateway within 5 ms of the inference service's own (p50). */
    private static final double TTFT_TARGET_MS = 5.0;

    private ChatSuite() {
    }

    /** Runs the suite; returns the exit status. */
    public static int run(Options options) {
        ModelChoice model = ModelChoice.resolve(options.string("model", "random-134m-q4_0"));
        int tokens = options.integer("tokens", 256, 1, 4096);
        int threads = options.integer("threads", 1, 1, 256);
        int runs = options.integer("runs", 3, 1, 100);
        int concurrency = options.integer("concurrency", 4, 1, 64);
        long seed = options.integer("seed", 42, 0, Integer.MAX_VALUE);
        String prompt = options.string("prompt", "Once upon a time");
        int warmupSeconds = options.integer("warmup-seconds", 10, 0, 3600);
        int ttftWarmup = options.integer("ttft-warmup", 50, 0, 10_000);
        int ttftSamples = options.integer("ttft-samples", 100, 1, 10_000);
        Path logs = Path.of(options.string("logs", "bench/target/bench-logs"));
        options.rejectUnknown();
        int wanted = tokens;
        tokens = model.fitTokens(wanted);
        if (tokens < wanted) {
            System.out.printf("NOTE: %d tokens do not fit %s's context of %d tokens per slot (GGUF context_length; the"
                    + " service refuses a larger LLM_CONTEXT): streaming %d tokens instead%n", wanted,
                    model.servedName(), model.maxContext(), tokens);
        }
        int contextPerSlot = Math.min(model.maxContext(), Math.max(512, tokens + 128));
        ChatRequest chat = new ChatRequest(model.servedName(), prompt, tokens, 0.0, seed);
        System.out.printf("chat: model %s, %d tokens, temperature 0, seed %d, %d thread(s), %d slots x %d context,"
                + " flash attention %s, %d runs, N=%d%n", model.servedName(), tokens, seed, threads, concurrency,
                contextPerSlot, InProcessEngine.flashAttention() ? "on" : "off", runs, concurrency);
        ChatRequest shortChat = new ChatRequest(chat.model(), chat.prompt(), Math.min(TTFT_TOKENS, tokens),
                chat.temperature(), chat.seed());
        PathBench bench = new PathBench(chat, shortChat, runs, concurrency, warmupSeconds);
        List<PathFigures> figures;
        TtftBench.Result ttft;
        PlatformConfig config = new PlatformConfig(model.path(), model.servedName(), 1, threads, concurrency,
                contextPerSlot, logs);
        HttpClient http = HttpJson.newClient();
        try (InProcessEngine engine = new InProcessEngine(model.path(), contextPerSlot, concurrency, threads)) {
            System.out.println("-- starting the platform (logs in " + logs.toAbsolutePath() + ")");
            try (Platform platform = Platform.start(config.spec());
                    GenerateClient grpc = platform.generateClient(platform.inference().get(0))) {
                SseChat sse = new SseChat(http, platform.gateway().baseUrl());
                WsChat ws = new WsChat(http, platform.gateway().baseUrl());
                Map<String, StreamPath> services = new LinkedHashMap<>();
                services.put("b gRPC direct", (c, i) -> grpc.stream(c, STREAM_TIMEOUT));
                services.put("c gateway SSE", (c, i) -> sse.stream(c, -1, STREAM_TIMEOUT));
                services.put("d gateway WS", (c, i) -> ws.stream(c, "bench-" + i, -1, false, STREAM_TIMEOUT));
                Map<String, StreamPath> paths = new LinkedHashMap<>();
                paths.put("a in-process", (c, i) -> engine.stream(c));
                paths.putAll(services);
                figures = bench.measure(paths);
                ttft = new TtftBench(shortChat, ttftWarmup, ttftSamples).measure(services);
            }
        }
        print(figures, concurrency, runs);
        printTtft(ttft);
        int failures = figures.stream().mapToInt(PathFigures::failures).sum() + ttft.failures();
        return failures == 0 ? 0 : 1;
    }

    private static void printTtft(TtftBench.Result ttft) {
        Table table = new Table("time to first token, warm (ms; request sent -> first non-empty text; the gateway's"
                + " share = its p50 - gRPC direct p50, target <= " + TTFT_TARGET_MS + " ms)", "path", "n", "p50",
                "p90", "p99", "added p50", "target met");
        List<Map.Entry<String, Percentiles.Summary>> rows = List.copyOf(ttft.byPath().entrySet());
        Percentiles.Summary direct = rows.get(0).getValue();
        table.row(rows.get(0).getKey(), direct.n(), direct.p50(), direct.p90(), direct.p99(), "-", "-");
        for (Map.Entry<String, Percentiles.Summary> row : rows.subList(1, rows.size())) {
            Percentiles.Summary s = row.getValue();
            double added = s.p50() - direct.p50();
            table.row(row.getKey(), s.n(), s.p50(), s.p90(), s.p99(), added, added <= TTFT_TARGET_MS ? "yes" : "NO");
        }
        table.print(System.out);
        if (ttft.failures() > 0) {
            System.out.printf("TTFT: %d measured streams failed or carried no text%n", ttft.failures());
        }
    }

    private static void print(List<PathFigures> f, int n, int runs) {
        Table speed = new Table("chat streaming (tokens/s = completion tokens / end-to-end s; medians of " + runs
                + " runs)", "path", "tokens/stream", "1 stream tok/s", "1 stream decode tok/s", "TTFT p50 ms",
                "TTFT p99 ms",
                n + " sequential agg tok/s", n + " concurrent agg tok/s", "conc/seq", "conc TTFT p50",
                "conc TTFT p99", "failed");
        for (PathFigures p : f) {
            speed.row(p.name(), p.tokensPerStream(), p.singleTps(), p.singleDecodeTps(), p.singleTtft().p50(),
                    p.singleTtft().p99(),
                    p.sequentialTps(), p.concurrentTps(), p.concurrentTps() / p.sequentialTps(),
                    p.concurrentTtft().p50(), p.concurrentTtft().p99(), p.failures());
        }
        speed.print(System.out);
        PathFigures a = f.get(0);
        PathFigures b = f.get(1);
        Table ratios = new Table("ratios (1 stream end-to-end tok/s; 1 stream decode tok/s, first text to end; " + n
                + " concurrent aggregate tok/s)", "ratio", "1 stream", "1 stream decode", n + " concurrent");
        ratios.row("b/a gRPC service vs in-process", b.singleTps() / a.singleTps(),
                b.singleDecodeTps() / a.singleDecodeTps(), b.concurrentTps() / a.concurrentTps());
        for (PathFigures gateway : f.subList(2, f.size())) {
            ratios.row(gateway.name().substring(0, 1) + "/b " + gateway.name().substring(2) + " vs gRPC",
                    gateway.singleTps() / b.singleTps(), gateway.singleDecodeTps() / b.singleDecodeTps(),
                    gateway.concurrentTps() / b.concurrentTps());
        }
        ratios.print(System.out);
    }
}
