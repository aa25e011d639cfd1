package dev.llmplatform.bench.load;

import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.platform.ModelChoice;
import dev.llmplatform.bench.platform.PlatformConfig;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.client.WsChat;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.stats.Percentiles;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Suite {@code load}: starts the platform with two replicas of one model, then normal load, ten times capacity,
 * normal load again; quiet drills (streamed vs non-streamed text, cancel-to-free time); bad inputs; faults (tokenizer
 * stopped, a replica killed mid-stream, a replica sent SIGTERM under load). Exits 1 when a must-be-zero figure is
 * not zero. All traffic goes to 127.0.0.1.
 */
public final class LoadSuite {

    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ATTACKS_AT_MOST = Duration.ofMinutes(5);

    private LoadSuite() {
    }

    /** Runs the suite; returns the exit status. */
    public static int run(Options options) {
        ModelChoice model = ModelChoice.resolve(options.string("model", "random-134m-q4_0"));
        boolean quick = options.flag("short");
        int streams = options.integer("streams", 4, 1, 64);
        Duration phase = options.seconds("phase-seconds", Duration.ofSeconds(quick ? 12 : 60), 1, 3600);
        int factor = options.integer("overload-factor", 10, 1, 100);
        int maxTokens = options.integer("max-tokens", 48, 1, 400);
        int threads = options.integer("threads", 1, 1, 64);
        int slots = options.integer("slots", 2, 1, 64);
        long seed = options.integer("seed", 42, 0, Integer.MAX_VALUE);
        double cancelRate = options.integer("cancel-percent", 10, 0, 100) / 100.0;
        String out = options.string("out", null);
        Path logs = Path.of(options.string("logs", "bench/target/bench-logs"));
        options.rejectUnknown();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", model.servedName());
        config.put("replicas", 2);
        config.put("threads", threads);
        config.put("slots", slots);
        config.put("streams", streams);
        config.put("phase_seconds", phase.toSeconds());
        config.put("overload_factor", factor);
        config.put("max_tokens", maxTokens);
        config.put("cancel_rate", cancelRate);
        config.put("seed", seed);
        int context = Math.min(512, model.maxContext());
        maxTokens = model.fitTokens(maxTokens);
        config.put("max_tokens", maxTokens);
        config.put("context_per_slot", context);
        config.put("long_stream_tokens", model.fitTokens(400));
        System.out.println("load: " + config);
        PlatformConfig platformConfig = new PlatformConfig(model.path(), model.servedName(), 2, threads, slots, context,
                logs);
        HttpClient client = HttpJson.newClient();
        LoadRunReport report;
        try (Platform platform = Platform.start(platformConfig.spec());
                ResourceSampler sampler = new ResourceSampler(platform).start()) {
            report = drive(platform, sampler, client, config, new ChatRequest(model.servedName(),
                    "Once upon a time", maxTokens, 0.0, seed), streams, phase, factor, cancelRate, quick);
        }
        report.print(System.out);
        if (out != null) {
            report.write(Path.of(out));
            System.out.println("figures written to " + Path.of(out).toAbsolutePath());
        }
        return report.verdict().exitStatus();
    }

    private static LoadRunReport drive(Platform platform, ResourceSampler sampler, HttpClient client,
            Map<String, Object> config, ChatRequest chat, int streams, Duration phase, int factor, double cancelRate,
            boolean quick) {
        String gateway = platform.gateway().baseUrl();
        SseChat sse = new SseChat(client, gateway);
        WsChat ws = new WsChat(client, gateway);
        HttpJson http = new HttpJson(client);
        int capacity = sampler.loads().stream().mapToInt(r -> r.getSlots()).sum();
        capacity = capacity > 0 ? capacity : 2 * (int) config.get("slots");
        config.put("capacity_slots", capacity);
        Traffic traffic = new Traffic(sse, ws, chat, STREAM_TIMEOUT, cancelRate);
        List<StreamResult> all = new ArrayList<>();
        all.add(traffic.one(0, new java.util.SplittableRandom(1)));
        all.add(traffic.one(1, new java.util.SplittableRandom(2)));
        Map<String, Long> rssBefore = rss(sampler, platform);
        Map<String, TrafficFigures> phases = new LinkedHashMap<>();
        double trafficSeconds = 0;
        List<StreamResult> trafficResults = new ArrayList<>();
        int[] clients = {streams, Math.min(200, capacity * factor), streams};
        String[] names = {"1 normal", "2 overload x" + factor, "3 normal again"};
        for (int i = 0; i < clients.length; i++) {
            Traffic.Phase p = traffic.run(names[i], clients[i], phase, (long) config.get("seed") + i);
            phases.put(p.name() + " (" + p.clients() + " clients)", TrafficFigures.of(p.results(), p.seconds()));
            trafficResults.addAll(p.results());
            trafficSeconds += p.seconds();
        }
        all.addAll(trafficResults);
        Map<String, Long> rssAfter = rss(sampler, platform);
        Drills drills = new Drills(sse, ws, http, gateway, sampler);
        System.out.println("-- drills: streamed vs non-streamed text, cancel to free slot");
        List<ChatRequest> prompts = List.of(chat, new ChatRequest(chat.model(), "The little dog", chat.maxTokens(),
                0.0, chat.seed()), new ChatRequest(chat.model(), "Écris une histoire 🙂 日本語", chat.maxTokens(), 0.0,
                chat.seed()));
        Drills.Consistency consistency = drills.consistency(quick ? prompts : repeat(prompts, 2));
        Drills.Cancels cancels = drills.cancels(Drills.longChat(chat, (int) config.get("long_stream_tokens")), quick ? 6 : 12);
        all.addAll(consistency.streams());
        all.addAll(cancels.streams());
        System.out.println("-- bad inputs");
        List<BadInputCase> bad = new ArrayList<>(new BadInputs(http, gateway, chat.model()).run());
        bad.addAll(new BadWireInputs(platform.gateway().port(), platform.inference().get(0).port(),
                platform.grpcToken(), chat).run());
        System.out.println("-- attacks, with normal traffic beside them");
        Attacks attacker = new Attacks(platform, http, chat, traffic, sampler);
        CompletableFuture<List<Attack>> tried = CompletableFuture.supplyAsync(attacker::run);
        Traffic.Phase beside = traffic.runUntil("4 normal during attacks", streams, tried, ATTACKS_AT_MOST,
                (long) config.get("seed") + 3);
        tried.join();
        List<Attack> attacks = attacker.caps();
        phases.put(beside.name() + " (" + beside.clients() + " clients)",
                TrafficFigures.of(beside.results(), beside.seconds()));
        all.addAll(beside.results());
        System.out.println("-- faults");
        FaultDrills faults = new FaultDrills(platform, sampler, traffic, http, chat,
                (int) config.get("long_stream_tokens"));
        List<FaultDrills.Fault> faultResults = List.of(faults.tokenizerDown(), faults.killReplica(0, 4),
                faults.terminateReplica(1, 4), faults.rejoins());
        faultResults.forEach(f -> all.addAll(f.streams()));
        drills.awaitIdle();
        sampler.sample();
        List<LoadReport> finalLoads = sampler.loads();
        long busyAfter = finalLoads.stream().mapToInt(r -> r.getRunning() + r.getWaiting()).sum();
        TrafficFigures overall = TrafficFigures.of(all, trafficSeconds);
        TrafficFigures trafficOnly = TrafficFigures.of(trafficResults, trafficSeconds);
        Percentiles cancelTimes = Percentiles.of(cancels.cancelToFreeMs());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests sent (all)", overall.sent());
        figures.put("requests completed", overall.completed());
        figures.put("requests failed", overall.failed());
        figures.put("requests cancelled", overall.cancelled());
        figures.put("streams compared (streamed vs non-streamed)", consistency.compared());
        figures.put("prompts whose non-streamed answers differed (engine nondeterminism)",
                consistency.nondeterministicPrompts());
        figures.put("crashes (unexpected exits)", sampler.crashes());
        figures.put("restarts (by the fault drills)", faults.restarts());
        figures.put("slots busy after the run", busyAfter);
        figures.put("replicas answering GetLoad after the run", finalLoads.size());
        figures.put("cancel-to-slot-free p50 ms", cancelTimes.at(50));
        figures.put("cancel-to-slot-free p99 ms (n=" + cancelTimes.count() + ")", cancelTimes.at(99));
        figures.put("TTFT p50/p90/p99 ms (traffic)", triple(trafficOnly.ttftMs()));
        figures.put("TPOT p50/p90/p99 ms (traffic)", triple(trafficOnly.tpotMs()));
        figures.put("e2e p50/p90/p99 ms (traffic)", triple(trafficOnly.e2eMs()));
        figures.put("tokens/s (traffic phases)", trafficOnly.tokensPerSecond());
        figures.put("peak queue depth (sum of waiting)", sampler.peakQueueDepth());
        figures.put("peak running", sampler.peakRunning());
        figures.put("rejection rate (traffic)", trafficOnly.rejectionRate());
        TrafficFigures normal = phases.values().iterator().next();
        TrafficFigures duringAttacks = TrafficFigures.of(beside.results(), beside.seconds());
        figures.put("normal traffic during attacks: completed / failed", duringAttacks.completed() + " / "
                + duringAttacks.failed());
        figures.put("normal traffic during attacks: tokens/s (phase 1: " + normal.tokensPerSecond() + ")",
                duringAttacks.tokensPerSecond());
        Map<String, Long> peak = sampler.peakRssKib();
        for (String role : platform.all().keySet()) {
            figures.put("peak RSS MiB " + role, peak.getOrDefault(role, -1L) / 1024);
            figures.put("RSS growth MiB over traffic " + role, (rssAfter.getOrDefault(role, 0L)
                    - rssBefore.getOrDefault(role, 0L)) / 1024);
        }
        consistency.notes().forEach(n -> System.out.println("   consistency: " + n));
        Map<String, Long> zero = new LinkedHashMap<>();
        zero.put("tokens lost or duplicated", consistency.tokenDelta());
        zero.put("streamed text != non-streamed text", (long) consistency.textMismatches());
        zero.put("invalid UTF-8 chunks", overall.invalidUtf8());
        zero.put("crashes", sampler.crashes());
        zero.put("slots still busy after the run", busyAfter);
        zero.put("cancels not freed within 10 s", (long) cancels.notFreed());
        zero.put("streams hung", overall.hung());
        zero.put("streams ended without final event or error", overall.truncated());
        zero.put("fault drill: streams without final error", faultResults.stream()
                .mapToLong(FaultDrills.Fault::streamsWithoutFinalError).sum());
        zero.put("fault drill: requests failed / checks missed", faultResults.stream()
                .mapToLong(FaultDrills.Fault::requestsFailedAfter).sum());
        zero.put("bad inputs mishandled", bad.stream().filter(c -> !c.ok()).count());
        zero.put("attacks not handled", attacks.stream().filter(a -> !a.handled()).count());
        zero.put("attacks a process did not survive", attacks.stream().filter(a -> !a.survived()).count());
        zero.put("replicas not answering after the run", (long) (platform.inference().size() - finalLoads.size()));
        return new LoadRunReport(config, phases, overall, figures, bad, faultResults, attacks, new Verdict(zero));
    }

    private static String triple(Percentiles.Summary s) {
        return String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.1f (n=%d)", s.p50(), s.p90(), s.p99(), s.n());
    }

    private static Map<String, Long> rss(ResourceSampler sampler, Platform platform) {
        Map<String, Long> rss = new LinkedHashMap<>();
        platform.all().keySet().forEach(role -> sampler.rssKib(role).ifPresent(kib -> rss.put(role, kib)));
        return rss;
    }

    private static <T> List<T> repeat(List<T> list, int times) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(list);
        }
        return out;
    }
}
