package dev.llmplatform.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assets folder first, else a download from the listed source (verified), else a failure naming the file. */
class TestAssetsTest {

    private static final byte[] VOCAB = "hello vocabulary".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/vocab", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, VOCAB.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(VOCAB);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aFileInTheFolderIsUsedWithoutDownloading() throws Exception {
        Path file = Files.createDirectories(root.resolve("models")).resolve("m.gguf");
        Files.write(file, new byte[] {1});
        assertEquals(file, TestAssets.file("models/m.gguf", root,
                Map.of("models/m.gguf", new TestAssets.Source(url("/vocab"), "-"))));
        assertEquals(List.of(), requests);
    }

    @Test
    void aMissingListedFileIsDownloadedAndVerified() throws Exception {
        Map<String, TestAssets.Source> sources = Map.of("gguf-vocab/v.gguf",
                new TestAssets.Source(url("/vocab"), sha256(VOCAB)));
        Path file = TestAssets.file("gguf-vocab/v.gguf", root, sources);
        assertEquals(root.resolve("gguf-vocab/v.gguf"), file);
        assertArrayEquals(VOCAB, Files.readAllBytes(file));
        assertEquals(file, TestAssets.file("gguf-vocab/v.gguf", root, sources));
        assertEquals(List.of("/vocab"), requests);
    }

    @Test
    void aDownloadWithTheWrongSha256FailsNamingTheFileAndLeavesNothing() {
        String wrong = "0".repeat(64);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestAssets.file("v.gguf", root,
                Map.of("v.gguf", new TestAssets.Source(url("/vocab"), wrong))));
        assertTrue(e.getMessage().startsWith("Test asset " + root.resolve("v.gguf") + " is missing and could not "
                + "be downloaded from " + url("/vocab")), e.getMessage());
        assertTrue(e.getMessage().contains("the expected sha256 is " + wrong), e.getMessage());
        assertFalse(Files.exists(root.resolve("v.gguf")));
        assertFalse(Files.exists(root.resolve("v.gguf.incomplete")));
    }

    @Test
    void anUnlistedMissingFileFailsNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestAssets.file("models/none.gguf", root, Map.of()));
        assertTrue(e.getMessage().startsWith("Test asset models/none.gguf is missing at "
                + root.resolve("models/none.gguf")), e.getMessage());
    }

    @Test
    void aFailedDownloadNamesTheUrl() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestAssets.file("x.json", root,
                Map.of("x.json", new TestAssets.Source(url("/absent"), "-"))));
        assertTrue(e.getMessage().contains("could not be downloaded from " + url("/absent")), e.getMessage());
        assertTrue(e.getMessage().contains("answered HTTP 404"), e.getMessage());
    }
}
