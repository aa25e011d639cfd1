package dev.llmplatform.bench.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.bench.chat.ChatSuite;
import dev.llmplatform.bench.chat.Conversations;
import dev.llmplatform.bench.cli.MachineFacts;
import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.cli.Table;
import dev.llmplatform.bench.platform.ModelChoice;
import dev.llmplatform.bench.platform.PlatformConfig;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
import dev.llmplatform.testkit.stats.Percentiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Suite {@code routing}: replicas of one model behind two gateways that differ only in routing, one prefix-aware
 * (the default: a conversation's first messages pick its home replica, bounded by load) and one least-loaded only
 * ({@code gateway.inference.prefix-affinity-slack} negative). Each gateway in turn gets {@code conversations}
 * concurrent multi-turn conversations (new ones every round, the order of the gateways alternating by round); the
 * usage of each turn says how much of its prompt the replica reused, so a later turn that reused at least half of
 * the previous turn's prompt landed on a warm replica. Prints, per policy, the share of later turns on a warm
 * replica (target for the prefix-aware gateway: at least 90%), the share of prompt tokens reused, and the time to
 * first token of first and later turns. Each conversation waits a random 0 to {@code think-ms} before its next turn
 * (its user reading), so the replicas' loads move as with people at the keyboard. The replicas keep every slot's
 * cells by default ({@code --prompt-cache-cells}: slots x context, llama-server's behaviour), so the figures say
 * where turns land; with the service's default budget (one slot's context) idle conversations are cleared as
 * their slots are needed and fewer later turns find their cells, whatever the routing.
 */
public final class RoutingSuite {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);
    private static final String PREFIX_AWARE = "prefix-aware (default)";
    private static final String LEAST_LOADED = "least loaded only";
    private static final double WARM_TARGET = 0.90;

    private RoutingSuite() {
    }

    /** Runs the suite; returns the exit status (1 when a turn failed). */
    public static int run(Options options) {
        ModelChoice model = ModelChoice.resolve(options.string("model", "stories260k"));
        int replicas = options.integer("replicas", 2, 2, 8);
        int conversations = options.integer("conversations", 8, 1, 64);
        int turns = options.integer("turns", 4, 2, 32);
        int turnTokens = options.integer("turn-tokens", 32, 1, 1024);
        int openingSentences = options.integer("opening-sentences", 16, 1, 200);
        int slots = options.integer("slots", 4, 1, 64);
        int threads = options.integer("threads", 1, 1, 64);
        int rounds = options.integer("rounds", 2, 1, 100);
        int slotsCells = slots * ChatSuite.MULTI_TURN_CONTEXT;
        int cacheCells = options.integer("prompt-cache-cells", slotsCells, 0, 1 << 20);
        int thinkMs = options.integer("think-ms", 200, 0, 60_000);
        long seed = options.integer("seed", 42, 0, Integer.MAX_VALUE);
        Path logs = Path.of(options.string("logs", "bench/target/bench-logs"));
        Path out = Path.of(options.string("out", "bench/target/routing-figures.json"));
        options.rejectUnknown();
        if (model.maxContext() < ChatSuite.MULTI_TURN_CONTEXT) {
            throw new IllegalArgumentException(model.servedName() + "'s context of " + model.maxContext()
                    + " tokens per slot is too small for multi-turn conversations (" + ChatSuite.MULTI_TURN_CONTEXT
                    + " wanted)");
        }
        int context = ChatSuite.MULTI_TURN_CONTEXT;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", model.servedName());
        config.put("replicas", replicas);
        config.put("slots_per_replica", slots);
        config.put("context_per_slot", context);
        config.put("threads", threads);
        config.put("conversations", conversations);
        config.put("turns", turns);
        config.put("turn_tokens", turnTokens);
        config.put("rounds", rounds);
        config.put("think_ms", thinkMs);
        config.put("prompt_cache_cells", cacheCells);
        System.out.println("routing: " + config);
        Map<String, String> replicaEnv = Map.of("LLM_PROMPT_CACHE_CELLS", Integer.toString(cacheCells));
        PlatformConfig platformConfig = new PlatformConfig(model.path(), model.servedName(), replicas, threads, slots,
                context, logs);
        ChatRequest sampling = new ChatRequest(model.servedName(), "", turnTokens, 0.0, seed);
        HttpClient http = HttpJson.newClient();
        Map<String, List<RoutedTurn>> byPolicy = new LinkedHashMap<>();
        byPolicy.put(PREFIX_AWARE, new ArrayList<>());
        byPolicy.put(LEAST_LOADED, new ArrayList<>());
        System.out.println("-- starting the platform and a second gateway (logs in " + logs.toAbsolutePath() + ")");
        try (Platform platform = Platform.start(platformConfig.spec(replicaEnv));
                ServiceProcess leastLoaded = platform.spec().gatewayProcess("gateway-least-loaded",
                        platform.tokenizer(), platform.inference(),
                        Map.of("GATEWAY_INFERENCE_PREFIX_AFFINITY_SLACK", "-1")).start()) {
            leastLoaded.awaitReady(platform.spec().startTimeout());
            Platform.awaitRouted(leastLoaded, replicas, platform.spec().startTimeout());
            Map<String, SseChat> gateways = Map.of(PREFIX_AWARE, new SseChat(http, platform.gateway().baseUrl()),
                    LEAST_LOADED, new SseChat(http, leastLoaded.baseUrl()));
            int next = 0;
            for (int round = -1; round < rounds; round++) {
                List<String> order = round % 2 == 0 ? List.of(PREFIX_AWARE, LEAST_LOADED)
                        : List.of(LEAST_LOADED, PREFIX_AWARE);
                for (String policy : order) {
                    List<RoutedTurn> sent = converse(gateways.get(policy), sampling, next, conversations, turns,
                            openingSentences, thinkMs);
                    next += conversations;
                    if (round >= 0) {
                        byPolicy.get(policy).addAll(sent);
                    }
                }
                System.out.println(round < 0 ? "   warm-up round done" : "   round " + (round + 1) + " done");
            }
        }
        return report(config, byPolicy, out);
    }

    /** {@code count} conversations at once, numbered from {@code first}, each turn after the previous answer. */
    static List<RoutedTurn> converse(SseChat gateway, ChatRequest sampling, int first, int count, int turns,
            int openingSentences, int thinkMs) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<List<RoutedTurn>>> running = new ArrayList<>();
            for (int c = first; c < first + count; c++) {
                int conversation = c;
                running.add(pool.submit(() -> conversation(gateway, sampling, conversation, turns,
                        openingSentences, thinkMs)));
            }
            List<RoutedTurn> all = new ArrayList<>();
            for (Future<List<RoutedTurn>> f : running) {
                all.addAll(f.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a conversation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<RoutedTurn> conversation(SseChat gateway, ChatRequest sampling, int index, int turns,
            int openingSentences, int thinkMs) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(sampling.seed() + index);
        List<String> answers = new ArrayList<>();
        List<RoutedTurn> sent = new ArrayList<>();
        int previousPrompt = 0;
        for (int t = 0; t < turns; t++) {
            if (t > 0 && thinkMs > 0) {
                Thread.sleep(random.nextInt(thinkMs + 1)); // the user reads the answer
            }
            List<Map<String, String>> messages = new ArrayList<>(Conversations.messages(index, answers,
                    openingSentences));
            // Conversations share their openings' sentences; the number makes every conversation of the run its own.
            messages.set(0, Map.of("role", "user", "content", "Story " + index + ". "
                    + messages.get(0).get("content")));
            AtomicReference<JsonNode> usage = new AtomicReference<>();
            StreamResult result = gateway.stream(Conversations.body(messages, sampling), -1, STREAM_TIMEOUT,
                    usage::set);
            int prompt = usage.get() == null ? -1 : usage.get().path("prompt_tokens").asInt(-1);
            int cached = usage.get() == null ? -1
                    : usage.get().path("prompt_tokens_details").path("cached_tokens").asInt(0);
            sent.add(new RoutedTurn(index, t, result, prompt, cached, previousPrompt));
            previousPrompt = Math.max(prompt, 0);
            answers.add(result.text().isBlank() ? "I do not know." : result.text());
        }
        return sent;
    }

    private static int report(Map<String, Object> config, Map<String, List<RoutedTurn>> byPolicy, Path out) {
        Table table = new Table("routing: turns of concurrent conversations, by the gateway's routing policy",
                "policy", "turns", "failed", "later turns on a warm replica", "prompt tokens reused (later turns)",
                "TTFT p50 first turn ms", "TTFT p50 / p90 later turns ms");
        Map<String, Object> figures = new LinkedHashMap<>();
        int failed = 0;
        for (Map.Entry<String, List<RoutedTurn>> policy : byPolicy.entrySet()) {
            RoutingFigures f = RoutingFigures.of(policy.getValue());
            failed += f.failed();
            table.row(policy.getKey(), f.turns(), f.failed(), percent(f.warmShare()), percent(f.reusedShare()),
                    f.ttftFirstMs().p50(), String.format(Locale.ROOT, "%.1f / %.1f", f.ttftLaterMs().p50(),
                            f.ttftLaterMs().p90()));
            figures.put(policy.getKey(), f);
        }
        table.print(System.out);
        RoutingFigures prefix = (RoutingFigures) figures.get(PREFIX_AWARE);
        RoutingFigures least = (RoutingFigures) figures.get(LEAST_LOADED);
        System.out.printf(Locale.ROOT, "prefix-aware: %s of later turns on a warm replica (target >= %s): %s;"
                + " later-turn TTFT p50 %.1f ms against %.1f ms least loaded only (%.2fx)%n",
                percent(prefix.warmShare()), percent(WARM_TARGET),
                prefix.warmShare() >= WARM_TARGET ? "met" : "NOT met", prefix.ttftLaterMs().p50(),
                least.ttftLaterMs().p50(), prefix.ttftLaterMs().p50() / least.ttftLaterMs().p50());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", MachineFacts.collect());
        json.put("config", config);
        json.put("policies", figures);
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, Json.writePretty(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("figures written to " + out.toAbsolutePath());
        return failed == 0 ? 0 : 1;
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
