package dev.llmplatform.inference.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmplatform.inference.model.ModelLoadException;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local HTTP server that serves the real stories260K file. */
class ModelDownloaderTest {

    private static final String SHA = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path hfHome;

    private HttpServer server;
    private byte[] body;
    private final List<String> ranges = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        body = Files.readAllBytes(TestAssets.file("models/stories260K.gguf"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/org/tiny/resolve/main/stories.gguf", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.getResponseHeaders().add("X-Repo-Commit", COMMIT);
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("[^0-9]", ""));
        exchange.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, from, body.length - from);
        }
    }

    private CatalogueEntry entry(String sha256) {
        return new CatalogueEntry("tiny", "tiny", "org/tiny", "stories.gguf", "main", sha256, 0, 0, "", -1);
    }

    private ModelDownloader downloader(boolean allowUnverified) {
        return new ModelDownloader("http://127.0.0.1:" + server.getAddress().getPort(), hfHome,
                Optional.of("secret"), allowUnverified);
    }

    @Test
    void downloadsVerifiesAndLaysOutTheHuggingFaceCache() throws Exception {
        Path file = downloader(false).fetch(entry(SHA));
        Path repo = hfHome.resolve("hub/models--org--tiny");
        assertEquals(repo.resolve("snapshots/" + COMMIT + "/stories.gguf"), file);
        assertTrue(Files.isSymbolicLink(file));
        assertArrayEquals(body, Files.readAllBytes(file));
        assertTrue(Files.isRegularFile(repo.resolve("blobs/" + SHA)));
        assertEquals(COMMIT, Files.readString(repo.resolve("refs/main")));
        assertEquals(List.of("Bearer secret"), authorizations);
        downloader(false).fetch(entry(SHA));
        assertEquals(1, ranges.size(), "a verified cached blob is not downloaded again");
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws Exception {
        Path partial = hfHome.resolve("hub/models--org--tiny/blobs/" + SHA + ".incomplete");
        Files.createDirectories(partial.getParent());
        Files.write(partial, Arrays.copyOf(body, 1000));
        Path file = downloader(false).fetch(entry(SHA));
        assertEquals(List.of("bytes=1000-"), ranges);
        assertArrayEquals(body, Files.readAllBytes(file));
    }

    @Test
    void aFileWhoseHashDoesNotMatchIsDeletedAndRefused() {
        String wrong = "0".repeat(64);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> downloader(false).fetch(entry(wrong)));
        assertTrue(e.getMessage().contains("has sha256 " + SHA + " but the catalogue expects " + wrong),
                e.getMessage());
        assertFalse(Files.exists(hfHome.resolve("hub/models--org--tiny/blobs/" + wrong + ".incomplete")));
        assertFalse(Files.exists(hfHome.resolve("hub/models--org--tiny/blobs/" + wrong)));
    }

    @Test
    void anEntryWithoutHashNeedsExplicitPermission() throws Exception {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> downloader(false).fetch(entry("")));
        assertTrue(e.getMessage().contains("LLM_ALLOW_UNVERIFIED=true"), e.getMessage());
        assertTrue(ranges.isEmpty(), "nothing is downloaded before permission");
        Path file = downloader(true).fetch(entry(""));
        assertArrayEquals(body, Files.readAllBytes(file));
    }

    @Test
    void httpErrorsAreRefusedClearly() {
        CatalogueEntry missing = new CatalogueEntry("m", "m", "org/missing", "x.gguf", "main", SHA, 0, 0, "", -1);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> downloader(false).fetch(missing));
        assertTrue(e.getMessage().contains("answered HTTP 404"), e.getMessage());
    }
}
