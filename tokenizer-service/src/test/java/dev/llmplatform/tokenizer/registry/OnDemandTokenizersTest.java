package dev.llmplatform.tokenizer.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.hub.FakeHub;
import dev.llmplatform.tokenizer.hub.HuggingFaceCache;
import dev.llmplatform.tokenizer.hub.HuggingFaceHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repo ids a request names: loaded only when loading on request is on and the id matches an allowed pattern, held
 * within a count and a memory bound (least recently used unloaded first), failures remembered for a while; lists
 * and NOT_FOUND messages name configured tokenizers only. A local stand-in serves as the Hub.
 */
class OnDemandTokenizersTest {

    /** 1000 bytes of tokenizer.json: estimated at 16 MiB + 32,000 bytes loaded. */
    private static final byte[] SMALL_JSON = new byte[1000];
    private static final long SMALL = TokenizerFootprint.FIXED_BYTES + 32_000;

    @TempDir
    Path home;

    private final AtomicLong clock = new AtomicLong();
    private final List<FakeEngine> loadedEngines = new ArrayList<>();

    private OnDemandPolicy policy(boolean enabled, int maxLoaded, long maxBytes, String... globs) {
        return new OnDemandPolicy(enabled, new RepoPatterns(List.of(globs)), maxLoaded, maxBytes,
                Duration.ofSeconds(60));
    }

    private HuggingFaceHub hub(FakeHub fake) {
        return new HuggingFaceHub(new HuggingFaceCache(home.resolve("hub")),
                Optional.of(fake.downloader(Optional.empty())), "main");
    }

    /** On-demand tokenizers whose loader makes fake engines (the Hub and cache are real). */
    private OnDemandTokenizers fakeLoads(HuggingFaceHub hub, OnDemandPolicy policy) {
        return new OnDemandTokenizers(hub, policy, clock::get, (name, folder) -> {
            FakeEngine engine = new FakeEngine(name);
            loadedEngines.add(engine);
            return engine;
        });
    }

    private static List<TokenizerSource> configured(String... names) {
        return java.util.Arrays.stream(names).map(n -> new TokenizerSource(n, () -> new FakeEngine(n))).toList();
    }

    @Test
    void loadingOnRequestIsOffByDefaultAndNothingIsDownloaded() throws Exception {
        try (FakeHub fake = new FakeHub(Map.of("org/tok", SMALL_JSON));
                TokenizerRegistry registry = new TokenizerRegistry(configured("gpt2"),
                        Optional.of(new OnDemandTokenizers(hub(fake), OnDemandPolicy.off())))) {
            UnknownTokenizerException refused = assertThrows(UnknownTokenizerException.class,
                    () -> registry.get("org/tok"));
            assertEquals("unknown tokenizer 'org/tok': it is not configured and loading tokenizers on request is off "
                    + "(tokenizers.hub.download-on-demand); known: gpt2", refused.getMessage());
            assertEquals(List.of(), fake.requests(), "the Hub was not asked");
            assertThrows(InvalidRequestException.class, () -> registry.get("../org/tok"), "names are still checked");
        }
    }

    @Test
    void onlyRepoIdsMatchingAnAllowedPatternAreDownloaded() throws Exception {
        byte[] gpt2 = Files.readAllBytes(TestAssets.dir("tokenizers").resolve("gpt2/tokenizer.json"));
        try (FakeHub fake = new FakeHub(Map.of("org/tok", gpt2, "other/tok", gpt2));
                TokenizerRegistry registry = new TokenizerRegistry(List.of(), Optional.of(
                        new OnDemandTokenizers(hub(fake), policy(true, 2, 1L << 30, "org/*"))))) {
            assertArrayEquals(new int[] {31373, 995}, registry.get("org/tok").encode("hello world", true, false).ids());
            assertEquals(1, fake.requestsFor("org/tok"));
            UnknownTokenizerException other = assertThrows(UnknownTokenizerException.class,
                    () -> registry.get("other/tok"));
            assertTrue(other.getMessage().contains("matches no pattern of tokenizers.hub.allowed-repos"),
                    other.getMessage());
            assertEquals(0, fake.requestsFor("other/tok"));
            assertEquals(List.of(), registry.names(), "a tokenizer loaded on request is not listed");
        }
    }

    @Test
    void theLeastRecentlyUsedTokenizerIsUnloadedBeyondTheCount() throws Exception {
        try (FakeHub fake = new FakeHub(Map.of("org/a", SMALL_JSON, "org/b", SMALL_JSON, "org/c", SMALL_JSON))) {
            OnDemandTokenizers onDemand = fakeLoads(hub(fake), policy(true, 2, 1L << 30, "org/*"));
            try (TokenizerRegistry registry = new TokenizerRegistry(configured("gpt2"), Optional.of(onDemand))) {
                TokenizerEngine gpt2 = registry.get("gpt2");
                TokenizerEngine a = registry.get("org/a");
                registry.get("org/b");
                assertSame(a, registry.get("org/a"), "a is used again: b is now the least recently used");
                registry.get("org/c");
                assertEquals(List.of("org/a", "org/c"), onDemand.loadedNames());
                assertTrue(loadedEngines.get(1).closed, "b was unloaded and closed");
                assertFalse(loadedEngines.get(0).closed);
                assertSame(gpt2, registry.get("gpt2"), "configured tokenizers stay");
                assertEquals(1, fake.requestsFor("org/b"));
                registry.get("org/b");
                assertEquals(1, fake.requestsFor("org/b"), "loaded again from the cache, not the Hub");
            }
            assertTrue(loadedEngines.stream().allMatch(e -> e.closed), "all closed at shutdown");
        }
    }

    @Test
    void theMemoryBoundUnloadsAndRefusesTokenizersThatCannotFit() throws Exception {
        byte[] large = new byte[1_000_000];
        try (FakeHub fake = new FakeHub(Map.of("org/a", SMALL_JSON, "org/b", SMALL_JSON, "org/c", SMALL_JSON,
                "org/big", large))) {
            // Room for two small ones, not three; the big one (16 MiB + 32 MB) never fits.
            long room = 2 * SMALL + 1_000_000;
            OnDemandTokenizers onDemand = fakeLoads(hub(fake), policy(true, 10, room, "org/*"));
            try (TokenizerRegistry registry = new TokenizerRegistry(List.of(), Optional.of(onDemand))) {
                registry.get("org/a");
                registry.get("org/b");
                registry.get("org/c");
                assertEquals(List.of("org/b", "org/c"), onDemand.loadedNames(), "a made room for c");
                assertTrue(loadedEngines.get(0).closed);
                TokenizerUnavailableException big = assertThrows(TokenizerUnavailableException.class,
                        () -> registry.get("org/big"));
                assertEquals("tokenizer 'org/big' is unavailable: it is estimated at "
                        + (TokenizerFootprint.FIXED_BYTES + 32_000_000) + " bytes once loaded; tokenizers loaded on "
                        + "request may take at most " + room + " bytes together (tokenizers.hub.max-on-demand-mib)",
                        big.getMessage());
                assertEquals(List.of("org/b", "org/c"), onDemand.loadedNames(), "nothing was unloaded for it");
            }
        }
    }

    @Test
    void failuresAreRememberedForTheirTimeToLive() throws Exception {
        try (FakeHub fake = new FakeHub(Map.of())) {
            OnDemandTokenizers onDemand = fakeLoads(hub(fake), policy(true, 2, 1L << 30, "org/*"));
            try (TokenizerRegistry registry = new TokenizerRegistry(List.of(), Optional.of(onDemand))) {
                for (int i = 0; i < 50; i++) {
                    assertThrows(UnknownTokenizerException.class, () -> registry.get("org/missing"));
                }
                assertEquals(1, fake.requestsFor("org/missing"), "a flood of requests asked the Hub once");
                UnknownTokenizerException remembered = assertThrows(UnknownTokenizerException.class,
                        () -> registry.get("org/missing"));
                assertEquals("tokenizer 'org/missing' is not in the Hugging Face cache and could not be downloaded "
                        + "from the Hub (remembered: not retried for 60 s)", remembered.getMessage());
                clock.addAndGet(Duration.ofSeconds(61).toNanos());
                assertThrows(UnknownTokenizerException.class, () -> registry.get("org/missing"));
                assertEquals(2, fake.requestsFor("org/missing"), "asked again after 60 s");
            }
        }
    }

    @Test
    void listsAndNotFoundMessagesNameConfiguredTokenizersOnlyAndBounded() throws Exception {
        Path cached = home.resolve("hub/models--org--cached/snapshots/main");
        Files.createDirectories(cached);
        Files.write(cached.resolve("tokenizer.json"), SMALL_JSON);
        String[] names = IntStream.range(0, 30).mapToObj(i -> String.format("tok%02d", i)).toArray(String[]::new);
        try (FakeHub fake = new FakeHub(Map.of());
                TokenizerRegistry registry = new TokenizerRegistry(configured(names),
                        Optional.of(fakeLoads(hub(fake), policy(true, 2, 1L << 30, "org/*"))))) {
            registry.get("org/cached");
            assertEquals(List.of(names), registry.names(), "the cached repo is not listed");
            assertEquals(30, registry.describeAll().size(), "the preload loads the configured tokenizers only");
            assertEquals(1, loadedEngines.size());
            String message = assertThrows(UnknownTokenizerException.class, () -> registry.get("x".repeat(150)))
                    .getMessage();
            assertEquals("unknown tokenizer '" + "x".repeat(64) + "\u2026'; known: "
                    + String.join(", ", List.of(names).subList(0, 20)) + ", \u2026 (10 more)", message);
        }
    }

    @Test
    void anUnloadedTokenizerClosesOnlyAfterItsRunningCallReturns() throws Exception {
        java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeEngine slow = new FakeEngine("org/slow") {
            @Override
            public int count(String text, boolean addSpecial) {
                inCall.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.count(text, addSpecial);
            }
        };
        EvictableEngine engine = new EvictableEngine(slow, 1);
        Thread caller = new Thread(() -> engine.count("abc", false));
        caller.start();
        inCall.await();
        engine.retire();
        assertFalse(slow.closed, "not closed while a call runs on it");
        release.countDown();
        caller.join();
        assertTrue(slow.closed, "closed when the call returned");
        TokenizerUnavailableException after = assertThrows(TokenizerUnavailableException.class,
                () -> engine.count("x", false));
        assertEquals("tokenizer 'org/slow' is unavailable: it was unloaded to make room for other tokenizers; send "
                + "the request again", after.getMessage());
    }

    @Test
    void repoPatternsAreGlobsWithinOneSegment() {
        RepoPatterns patterns = new RepoPatterns(List.of("Qwen/*", "meta-llama/Llama-3.?-*", " "));
        assertTrue(patterns.matches("Qwen/Qwen2.5-0.5B"));
        assertTrue(patterns.matches("meta-llama/Llama-3.1-8B"));
        assertFalse(patterns.matches("meta-llama/Llama-3.10-8B"));
        assertFalse(patterns.matches("Qwen2/x"));
        assertFalse(patterns.matches("qwen/x"), "case matters, as on the Hub's URLs");
        assertTrue(new RepoPatterns(List.of()).isEmpty());
    }
}
