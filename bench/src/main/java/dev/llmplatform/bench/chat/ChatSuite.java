package dev.llmplatform.bench.chat;

import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.cli.Table;
import dev.llmplatform.bench.platform.ModelChoice;
import dev.llmplatform.bench.peer.PeerServer;
import dev.llmplatform.bench.platform.PlatformConfig;
import dev.llmplatform.inference.engine.PromptCache;
import dev.llmplatform.inference.engine.ThreadCount;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.GenerateClient;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.client.WsChat;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.stats.Percentiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suite {@code chat}: streaming speed of one model (a) in-process through the service's engine code (llama-engine over
 * de.kherud:llama), (b) over gRPC straight to the inference service, (c) through the gateway over SSE and (d) over
 * WebSocket, alone and N at a time, and (e) llama.cpp's own llama-server when {@code LLM_PEER_SERVER} names one; then
 * single short requests (TTFT), a multi-turn scenario ({@link MultiTurnBench}) and, with {@code --peer-threads},
 * llama-server at other thread counts. The in-process model stays loaded in this JVM while the platform and the peer
 * run, so that the paths take turns run by run ({@link PathBench}); only one of them generates at a time, the others'
 * engines wait idle. The figures go to a JSON file and a chart ({@link ChatFigures}).
 */
public final class ChatSuite {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);
    /** Tokens asked for in the TTFT phase: enough for a first non-empty text piece, short enough to be quick. */
    private static final int TTFT_TOKENS = 4;
    /** Target: time to first token through the gateway within 5 ms of the inference service's own (p50). */
    private static final double TTFT_TARGET_MS = 5.0;
    /** Context per slot the multi-turn scenario needs: an opening of a few hundred tokens and four answers. */
    public static final int MULTI_TURN_CONTEXT = 1024;
    static final String GATEWAY_SSE = "c gateway SSE";
    static final String PEER_SSE = "e llama-server SSE";

    private ChatSuite() {
    }

    /** Runs the suite; returns the exit status. */
    public static int run(Options options) {
        ModelChoice model = ModelChoice.resolve(options.string("model", "random-134m-q4_0"));
        int tokens = options.integer("tokens", 256, 1, 4096);
        int configuredThreads = options.integer("threads", 0, 0, 256);
        int runs = options.integer("runs", 3, 1, 100);
        int concurrency = options.integer("concurrency", 4, 1, 64);
        long seed = options.integer("seed", 42, 0, Integer.MAX_VALUE);
        String prompt = options.string("prompt", "Once upon a time");
        int warmupSeconds = options.integer("warmup-seconds", 10, 0, 3600);
        // the JVMs' JIT settles only after thousands of short requests on 2 cores (the p50 TTFT of one gateway's SSE
        // path over its requests 300-700, 1000-1400, 1700-2700 and 3000-4000: 8.4, 5.3, 4.5 and 4.0 ms); llama-server
        // has no warm-up to do
        int ttftWarmup = options.integer("ttft-warmup", 3000, 0, 10_000);
        int ttftSamples = options.integer("ttft-samples", 100, 1, 10_000);
        Path logs = Path.of(options.string("logs", "bench/target/bench-logs"));
        boolean promptCache = !"off".equals(options.string("prompt-cache", "on"));
        int cacheCells = options.integer("prompt-cache-cells", -1, -1, 1 << 20);
        int turns = options.integer("turns", 4, 0, 32);
        int conversations = options.integer("conversations", 3, 1, 100);
        int turnTokens = options.integer("turn-tokens", 32, 1, 1024);
        int openingSentences = options.integer("opening-sentences", 16, 1, 200);
        int goodputTtftMs = options.integer("goodput-ttft-ms", 50, 1, 600_000);
        String peerSpec = options.string("peer", System.getenv().getOrDefault("LLM_PEER_SERVER", ""));
        String peerThreadsOption = options.string("peer-threads", "");
        Path out = Path.of(options.string("out", "bench/target/chat-figures.json"));
        Path chart = Path.of(options.string("chart", "bench/target/chat-figures.png"));
        boolean traceStages = options.flag("trace-stages");
        options.rejectUnknown();
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = ThreadCount.choose(configuredThreads, cores);
        int wanted = tokens;
        tokens = model.fitTokens(wanted);
        if (tokens < wanted) {
            System.out.printf("NOTE: %d tokens do not fit %s's context of %d tokens per slot (GGUF context_length; the"
                    + " service refuses a larger LLM_CONTEXT): streaming %d tokens instead%n", wanted,
                    model.servedName(), model.maxContext(), tokens);
        }
        boolean multiTurn = turns > 0 && model.maxContext() >= MULTI_TURN_CONTEXT;
        if (turns > 0 && !multiTurn) {
            System.out.printf("NOTE: %s's context of %d tokens per slot is too small for the multi-turn scenario"
                    + " (%d wanted): skipped%n", model.servedName(), model.maxContext(), MULTI_TURN_CONTEXT);
        }
        int contextPerSlot = Math.min(model.maxContext(), Math.max(multiTurn ? MULTI_TURN_CONTEXT : 512,
                tokens + 128));
        int idleCells = cacheCells >= 0 ? cacheCells : contextPerSlot;
        PromptCache.Policy cachePolicy = promptCache ? PromptCache.Policy.keeping(idleCells) : PromptCache.Policy.off();
        List<Integer> peerThreads = peerThreads(peerThreadsOption, threads);
        ChatRequest chat = new ChatRequest(model.servedName(), prompt, tokens, 0.0, seed);
        System.out.printf("chat: model %s, %d tokens, temperature 0, seed %d, %d thread(s)%s, %d slots x %d context,"
                + " flash attention %s, prompt cache %s, %d runs, N=%d%n", model.servedName(), tokens, seed, threads,
                configuredThreads == 0 ? " (the platform's default on " + cores + " cores)" : "", concurrency,
                contextPerSlot, InProcessEngine.flashAttention() ? "on" : "off",
                promptCache ? "on, idle slots keep at most " + idleCells + " cells" : "off", runs, concurrency);
        ChatRequest shortChat = new ChatRequest(chat.model(), chat.prompt(), Math.min(TTFT_TOKENS, tokens),
                chat.temperature(), chat.seed());
        ChatRequest turnChat = new ChatRequest(chat.model(), "", turnTokens, 0.0, seed);
        PathBench bench = new PathBench(chat, shortChat, runs, concurrency, warmupSeconds);
        List<PathFigures> figures;
        TtftBench.Result ttft;
        Map<String, List<List<StreamResult>>> turnResults = Map.of();
        Map<Integer, double[]> sweep = new LinkedHashMap<>();
        List<String> peerCommand = List.of();
        PlatformConfig config = new PlatformConfig(model.path(), model.servedName(), 1, configuredThreads,
                concurrency, contextPerSlot, logs);
        Map<String, String> cacheEnv = new LinkedHashMap<>(Map.of("LLM_PROMPT_CACHE", Boolean.toString(promptCache),
                "LLM_PROMPT_CACHE_CELLS", Integer.toString(idleCells)));
        if (traceStages) {
            // GenerationRun logs each request's way to its first chunk at DEBUG (stages in microseconds)
            cacheEnv.put("QUARKUS_LOG_CATEGORY__DEV_LLMPLATFORM_INFERENCE_GENERATION__LEVEL", "DEBUG");
        }
        HttpClient http = HttpJson.newClient();
        try (InProcessEngine engine = new InProcessEngine(model.path(), contextPerSlot, concurrency, threads,
                cachePolicy)) {
            System.out.println("-- starting the platform (logs in " + logs.toAbsolutePath() + ")");
            try (Platform platform = Platform.start(config.spec(cacheEnv));
                    GenerateClient grpc = platform.generateClient(platform.inference().get(0));
                    PeerServer peer = PeerServer.start(peerSpec, model.path(), contextPerSlot, concurrency,
                            peerThreads.get(0), model.hasChatTemplate(), logs)) {
                SseChat sse = new SseChat(http, platform.gateway().baseUrl());
                WsChat ws = new WsChat(http, platform.gateway().baseUrl());
                Map<String, StreamPath> services = new LinkedHashMap<>();
                services.put("b gRPC direct", (c, i) -> grpc.stream(c, STREAM_TIMEOUT));
                services.put(GATEWAY_SSE, (c, i) -> sse.stream(c, -1, STREAM_TIMEOUT));
                services.put("d gateway WS", (c, i) -> ws.stream(c, "bench-" + i, -1, false, STREAM_TIMEOUT));
                SseChat peerSse = peer == null ? null : new SseChat(http, peer.baseUrl());
                if (peer != null) {
                    peerCommand = peer.command();
                    System.out.println("-- peer: " + (peerCommand.isEmpty() ? peer.baseUrl()
                            : String.join(" ", peerCommand)));
                    services.put(PEER_SSE, (c, i) -> retried(() -> peerSse.stream(c, -1, STREAM_TIMEOUT)));
                }
                Map<String, StreamPath> paths = new LinkedHashMap<>();
                paths.put("a in-process", (c, i) -> engine.stream(c));
                paths.putAll(services);
                figures = bench.measure(paths);
                ttft = new TtftBench(shortChat, ttftWarmup, ttftSamples).measure(services);
                if (traceStages) {
                    StageTrace.run(grpc, shortChat, ttftWarmup, ttftSamples, logs.resolve("inference-1.log"));
                }
                if (multiTurn) {
                    Map<String, MultiTurnBench.TurnPath> turnPaths = new LinkedHashMap<>();
                    turnPaths.put("a in-process", engine::stream);
                    turnPaths.put(GATEWAY_SSE, (m, c) -> sse.stream(Conversations.body(m, c), -1, STREAM_TIMEOUT));
                    if (peerSse != null) {
                        turnPaths.put(PEER_SSE, (m, c) -> retried(() -> peerSse.stream(Conversations.body(m, c), -1,
                                STREAM_TIMEOUT)));
                    }
                    turnResults = new MultiTurnBench(turnChat, conversations, turns, openingSentences)
                            .measure(turnPaths);
                }
                if (peer != null && peerCommand.size() > 0) {
                    for (int t : peerThreads.subList(1, peerThreads.size())) {
                        sweep.put(t, peerSweep(peerSpec, model, contextPerSlot, concurrency, t, logs, http, chat,
                                runs, (c, i) -> sse.stream(c, -1, STREAM_TIMEOUT)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the peer could not be started", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        print(figures, concurrency, runs);
        printTtft(ttft);
        PathFigures gateway = byName(figures, GATEWAY_SSE);
        PathFigures peerFigures = byName(figures, PEER_SSE);
        if (peerFigures != null) {
            printPeer(gateway, peerFigures, ttft, threads, sweep);
        }
        Map<String, ServeStats> serve = new LinkedHashMap<>();
        if (!turnResults.isEmpty()) {
            printTurns(turnResults, goodputTtftMs, serve);
        }
        ChatFigures.write(out, chart, model.servedName(), threads, figures, ttft, turnResults, serve, sweep,
                peerCommand);
        System.out.println("-- figures written to " + out.toAbsolutePath() + " and " + chart.toAbsolutePath());
        int failures = figures.stream().mapToInt(PathFigures::failures).sum() + ttft.failures()
                + (int) turnResults.values().stream().flatMap(List::stream).flatMap(List::stream)
                .filter(r -> r.outcome() != StreamResult.Outcome.COMPLETED).count();
        return failures == 0 ? 0 : 1;
    }

    /**
     * A peer stream, sent again once when its connection failed before anything was received: llama-server closes
     * idle keep-alive connections, and the JDK client may send on one it has not yet seen closed.
     */
    private static StreamResult retried(java.util.function.Supplier<StreamResult> stream) {
        StreamResult result = stream.get();
        return result.outcome() == StreamResult.Outcome.FAILED && result.errorClass().startsWith("HTTP connect")
                ? stream.get() : result;
    }

    /** The peer's thread counts: the option's list, else the platform's count; the platform's count first. */
    static List<Integer> peerThreads(String option, int threads) {
        List<Integer> counts = new ArrayList<>(List.of(threads));
        for (String part : option.split(",")) {
            if (!part.isBlank()) {
                int count = Integer.parseInt(part.strip());
                if (count < 1 || count > 256) {
                    throw new IllegalArgumentException("--peer-threads: " + count + " is outside 1..256");
                }
                if (!counts.contains(count)) {
                    counts.add(count);
                }
            }
        }
        return counts;
    }

    /**
     * Decode speed of a peer started with another thread count against the gateway's, single streams alternating:
     * {gateway decode tok/s, peer decode tok/s} (medians).
     */
    private static double[] peerSweep(String spec, ModelChoice model, int contextPerSlot, int slots, int threads,
                                      Path logs, HttpClient http, ChatRequest chat, int runs, StreamPath gateway)
            throws IOException, InterruptedException {
        System.out.printf("-- peer with %d thread(s): %d single streams, alternating with the gateway%n", threads,
                runs);
        List<Double> platform = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        try (PeerServer other = PeerServer.start(spec, model.path(), contextPerSlot, slots, threads,
                model.hasChatTemplate(), logs.resolve("peer-" + threads))) {
            SseChat sse = new SseChat(http, other.baseUrl());
            for (int i = 0; i < Math.max(2, runs / 3); i++) {
                sse.stream(chat, -1, STREAM_TIMEOUT);
            }
            for (int r = 0; r < runs; r++) {
                platform.add(1000 / gateway.stream(chat, 0).tpotMs());
                peer.add(1000 / retried(() -> sse.stream(chat, -1, STREAM_TIMEOUT)).tpotMs());
            }
        }
        return new double[] {Percentiles.of(platform).median(), Percentiles.of(peer).median()};
    }

    private static PathFigures byName(List<PathFigures> figures, String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    private static void printPeer(PathFigures gateway, PathFigures peer, TtftBench.Result ttft, int threads,
                                  Map<Integer, double[]> sweep) {
        Table table = new Table("against llama-server (the same model, context, slots and sampling; both through"
                + " /v1/chat/completions with SSE)", "figure", "platform (c gateway SSE)", "llama-server", "ratio",
                "target", "met");
        double decodeRatio = gateway.singleDecodeTps() / peer.singleDecodeTps();
        table.row("1 stream decode tok/s, " + threads + " thread(s) each", gateway.singleDecodeTps(),
                peer.singleDecodeTps(), decodeRatio, ">= 1.0", decodeRatio >= 1.0 ? "yes" : "NO");
        table.row("1 stream tok/s end to end", gateway.singleTps(), peer.singleTps(),
                gateway.singleTps() / peer.singleTps(), "-", "-");
        table.row("concurrent aggregate tok/s", gateway.concurrentTps(), peer.concurrentTps(),
                gateway.concurrentTps() / peer.concurrentTps(), "-", "-");
        // each pair of the ratio at the peer's best comes from one phase: the paths' turns at equal threads, else the
        // alternating streams against the peer started with its best thread count
        double best = peer.singleDecodeTps();
        double platformAtBest = gateway.singleDecodeTps();
        int bestThreads = threads;
        for (Map.Entry<Integer, double[]> other : sweep.entrySet()) {
            double[] pair = other.getValue();
            table.row("1 stream decode tok/s, platform " + threads + " vs llama-server " + other.getKey()
                    + " thread(s), alternating", pair[0], pair[1], pair[0] / pair[1], "-", "-");
            if (pair[1] > best) {
                best = pair[1];
                platformAtBest = pair[0];
                bestThreads = other.getKey();
            }
        }
        double bestRatio = platformAtBest / best;
        table.row("1 stream decode vs llama-server at its best (" + bestThreads + " thread(s))",
                platformAtBest, best, bestRatio, ">= 0.95", bestRatio >= 0.95 ? "yes" : "NO");
        Percentiles.Summary platformTtft = ttft.byPath().get(GATEWAY_SSE);
        Percentiles.Summary peerTtft = ttft.byPath().get(PEER_SSE);
        if (platformTtft != null && peerTtft != null) {
            double added = platformTtft.p50() - peerTtft.p50();
            table.row("TTFT p50 ms, one short request (" + TTFT_TOKENS + " tokens)", platformTtft.p50(),
                    peerTtft.p50(), platformTtft.p50() / peerTtft.p50(), "<= llama-server + 3 ms",
                    added <= 3.0 ? "yes" : "NO");
        }
        table.print(System.out);
    }

    private static void printTurns(Map<String, List<List<StreamResult>>> results, int goodputTtftMs,
                                   Map<String, ServeStats> serve) {
        List<String> names = List.copyOf(results.keySet());
        int turns = results.get(names.get(0)).size();
        List<String> header = new ArrayList<>(List.of("turn"));
        for (String name : names) {
            header.add(name + " TTFT p50 ms");
            header.add(name + " decode tok/s");
        }
        boolean peer = results.containsKey(PEER_SSE);
        if (peer) {
            header.add("platform/peer TTFT");
            header.add("target (turns 2+: <= 1.1 x peer + 3 ms)");
        }
        Table table = new Table("multi-turn: time to first token and decode speed per turn (medians over the"
                + " conversations; each turn's prompt is the history plus a new message)", header.toArray(String[]::new));
        for (int t = 0; t < turns; t++) {
            List<Object> row = new ArrayList<>(List.of(Integer.toString(t + 1)));
            for (String name : names) {
                List<StreamResult> turn = results.get(name).get(t);
                row.add(Percentiles.of(turn.stream().map(StreamResult::ttftMs).toList()).median());
                row.add(Percentiles.of(turn.stream().map(r -> 1000 / r.tpotMs()).toList()).median());
            }
            if (peer) {
                double platform = Percentiles.of(results.get(GATEWAY_SSE).get(t).stream()
                        .map(StreamResult::ttftMs).toList()).median();
                double other = Percentiles.of(results.get(PEER_SSE).get(t).stream()
                        .map(StreamResult::ttftMs).toList()).median();
                row.add(platform / other);
                row.add(t == 0 ? "-" : platform <= 1.1 * other + 3 ? "yes" : "NO");
            }
            table.row(row.toArray());
        }
        table.print(System.out);
        Table stats = new Table("multi-turn, all turns (vllm bench serve's figures; requests one at a time; goodput ="
                + " share with TTFT <= " + goodputTtftMs + " ms)", "path", "requests", "TTFT p50", "TTFT p90",
                "TTFT p99", "TPOT p50", "TPOT p90", "TPOT p99", "E2E p50", "E2E p90", "E2E p99", "req/s", "goodput");
        for (String name : names) {
            ServeStats s = ServeStats.of(results.get(name).stream().flatMap(List::stream).toList(), goodputTtftMs);
            serve.put(name, s);
            stats.row(name, s.completed() + "/" + s.requests(), s.ttftMs().p50(), s.ttftMs().p90(), s.ttftMs().p99(),
                    s.tpotMs().p50(), s.tpotMs().p90(), s.tpotMs().p99(), s.e2eMs().p50(), s.e2eMs().p90(),
                    s.e2eMs().p99(), s.requestsPerSecond(), s.goodput());
        }
        if (peer) {
            ServeStats c = serve.get(GATEWAY_SSE);
            ServeStats e = serve.get(PEER_SSE);
            stats.row("ratio c/e (platform / llama-server)", "-", ratio(c.ttftMs().p50(), e.ttftMs().p50()),
                    ratio(c.ttftMs().p90(), e.ttftMs().p90()), ratio(c.ttftMs().p99(), e.ttftMs().p99()),
                    ratio(c.tpotMs().p50(), e.tpotMs().p50()), ratio(c.tpotMs().p90(), e.tpotMs().p90()),
                    ratio(c.tpotMs().p99(), e.tpotMs().p99()), ratio(c.e2eMs().p50(), e.e2eMs().p50()),
                    ratio(c.e2eMs().p90(), e.e2eMs().p90()), ratio(c.e2eMs().p99(), e.e2eMs().p99()),
                    ratio(c.requestsPerSecond(), e.requestsPerSecond()), ratio(c.goodput(), e.goodput()));
        }
        stats.print(System.out);
    }

    /** {@code a / b}, NaN (printed "-") when {@code b} is 0. */
    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
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
                "conc TTFT p99", "1 stream after conc, decode tok/s", "failed");
        for (PathFigures p : f) {
            speed.row(p.name(), p.tokensPerStream(), p.singleTps(), p.singleDecodeTps(), p.singleTtft().p50(),
                    p.singleTtft().p99(),
                    p.sequentialTps(), p.concurrentTps(), p.concurrentTps() / p.sequentialTps(),
                    p.concurrentTtft().p50(), p.concurrentTtft().p99(), p.afterConcurrentDecodeTps(), p.failures());
        }
        speed.print(System.out);
        PathFigures a = f.get(0);
        PathFigures b = f.get(1);
        Table ratios = new Table("ratios (1 stream end-to-end tok/s; 1 stream decode tok/s, first text to end; " + n
                + " concurrent aggregate tok/s)", "ratio", "1 stream", "1 stream decode", n + " concurrent");
        ratios.row("b/a gRPC service vs in-process", b.singleTps() / a.singleTps(),
                b.singleDecodeTps() / a.singleDecodeTps(), b.concurrentTps() / a.concurrentTps());
        for (PathFigures gateway : f.subList(2, f.size()).stream().filter(p -> !p.name().equals(PEER_SSE)).toList()) {
            ratios.row(gateway.name().substring(0, 1) + "/b " + gateway.name().substring(2) + " vs gRPC",
                    gateway.singleTps() / b.singleTps(), gateway.singleDecodeTps() / b.singleDecodeTps(),
                    gateway.concurrentTps() / b.concurrentTps());
        }
        ratios.print(System.out);
    }
}
