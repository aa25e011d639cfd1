package dev.llmplatform.tokenizer.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repo ids through the Hugging Face cache layout and through a download from a local stand-in for the Hub. */
class HuggingFaceHubTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path home;

    @Test
    void resolvesRepoIdsFromTheCacheOffline() throws IOException {
        Path repo = home.resolve("hub/models--openai-community--gpt2");
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(COMMIT));
        Files.createSymbolicLink(snapshot.resolve("tokenizer.json"),
                TestAssets.dir("tokenizers").resolve("gpt2/tokenizer.json"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT + "\n");
        HuggingFaceHub hub = new HuggingFaceHub(new HuggingFaceCache(home.resolve("hub")), Optional.empty(), "main");
        try (TokenizerRegistry registry = new TokenizerRegistry(List.of(), Optional.of(hub))) {
            assertEquals(List.of("openai-community/gpt2"), registry.names());
            assertArrayEquals(new int[] {31373, 995},
                    registry.get("openai-community/gpt2").encode("hello world", true, false).ids());
            UnknownTokenizerException missing = assertThrows(UnknownTokenizerException.class,
                    () -> registry.get("other/missing"));
            assertTrue(missing.getMessage().startsWith("unknown tokenizer 'other/missing'; known:"));
            assertEquals(List.of("openai-community/gpt2"), registry.names(), "a miss is not remembered");
        }
    }

    @Test
    void downloadsIntoTheCacheWithTheToken() throws IOException {
        byte[] gpt2 = Files.readAllBytes(TestAssets.dir("tokenizers").resolve("gpt2/tokenizer.json"));
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = path.equals("/org/tok/resolve/main/tokenizer.json") ? gpt2 : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add("X-Repo-Commit", COMMIT);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HubDownloader downloader = new HubDownloader(base, Optional.of("secret"), Duration.ofSeconds(10));
            HuggingFaceHub hub = new HuggingFaceHub(new HuggingFaceCache(home.resolve("hub")),
                    Optional.of(downloader), "main");
            try (TokenizerRegistry registry = new TokenizerRegistry(List.of(), Optional.of(hub))) {
                assertArrayEquals(new int[] {31373, 995},
                        registry.get("org/tok").encode("hello world", true, false).ids());
                assertThrows(UnknownTokenizerException.class, () -> registry.get("org/missing"));
            }
            assertTrue(seen.contains("/org/tok/resolve/main/tokenizer.json Bearer secret"), seen.toString());
            Path repo = home.resolve("hub/models--org--tok");
            assertEquals(COMMIT, Files.readString(repo.resolve("refs/main"), StandardCharsets.UTF_8));
            assertArrayEquals(gpt2, Files.readAllBytes(repo.resolve("snapshots").resolve(COMMIT)
                    .resolve("tokenizer.json")));
        } finally {
            server.stop(0);
        }
        HuggingFaceHub offline = new HuggingFaceHub(new HuggingFaceCache(home.resolve("hub")), Optional.empty(),
                "main");
        try (TokenizerRegistry registry = new TokenizerRegistry(List.of(), Optional.of(offline))) {
            assertEquals(List.of("org/tok"), registry.names(), "the download is served from the cache offline");
        }
    }
}
