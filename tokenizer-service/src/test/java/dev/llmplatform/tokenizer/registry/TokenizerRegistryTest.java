package dev.llmplatform.tokenizer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.tokenizer.error.InvalidRequestException;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.hub.HubDownloader;
import dev.llmplatform.tokenizer.hub.HuggingFaceCache;
import dev.llmplatform.tokenizer.hub.HuggingFaceHub;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lazy loading, errors and shutdown of the registry, with fake engines. */
class TokenizerRegistryTest {

    @Test
    void loadsOnceOnFirstUseAndClosesOnShutdown() {
        AtomicInteger loads = new AtomicInteger();
        FakeEngine fake = new FakeEngine("b");
        TokenizerRegistry registry = new TokenizerRegistry(List.of(new TokenizerSource("b", () -> {
            loads.incrementAndGet();
            return fake;
        }), new TokenizerSource("a", () -> new FakeEngine("a"))), Optional.empty());
        assertEquals(List.of("a", "b"), registry.names());
        assertEquals(0, loads.get(), "nothing loads before it is used");
        assertSame(fake, registry.get("b"));
        assertSame(fake, registry.get("b"));
        assertEquals(1, loads.get());
        registry.close();
        assertTrue(fake.closed);
        assertThrows(TokenizerUnavailableException.class, () -> registry.get("a"));
    }

    @Test
    void unknownInvalidAndBrokenTokenizers() {
        try (TokenizerRegistry registry = new TokenizerRegistry(List.of(new TokenizerSource("broken", () -> {
            throw new IllegalStateException("/secret/path/tokenizer.json is corrupt");
        }), new TokenizerSource("gpt2", () -> new FakeEngine("gpt2"))), Optional.empty())) {
            assertEquals("unknown tokenizer 'nope'; known: broken, gpt2",
                    assertThrows(UnknownTokenizerException.class, () -> registry.get("nope")).getMessage());
            assertThrows(UnknownTokenizerException.class, () -> registry.get("org/repo"), "no hub configured");
            assertThrows(InvalidRequestException.class, () -> registry.get("../gpt2"));
            TokenizerUnavailableException broken = assertThrows(TokenizerUnavailableException.class,
                    () -> registry.get("broken"));
            assertEquals("tokenizer 'broken' is unavailable: it could not be loaded (see the server log)",
                    broken.getMessage());
            assertEquals(List.of("gpt2"), registry.describeAll().stream().map(d -> d.name()).toList());
        }
    }

    @Test
    void aRepoIdThatCannotBeDownloadedIsNotFoundWithAClearMessage() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Path cache = Files.createTempDirectory("hf-cache");
        HuggingFaceHub hub = new HuggingFaceHub(new HuggingFaceCache(cache), Optional.of(new HubDownloader(
                "http://127.0.0.1:" + deadPort, Optional.empty(), Duration.ofSeconds(5))), "main");
        OnDemandPolicy allowed = new OnDemandPolicy(true, new RepoPatterns(List.of("openai-community/*")), 1,
                1L << 30, Duration.ofSeconds(60));
        try (TokenizerRegistry registry = new TokenizerRegistry(List.of(),
                Optional.of(new OnDemandTokenizers(hub, allowed)))) {
            UnknownTokenizerException missing = assertThrows(UnknownTokenizerException.class,
                    () -> registry.get("openai-community/gpt2"));
            assertEquals("tokenizer 'openai-community/gpt2' is not in the Hugging Face cache and could not be "
                    + "downloaded from the Hub", missing.getMessage());
        }
    }
}
