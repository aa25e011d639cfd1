package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The plain URL download: resume, verification, redirects, a server that ignores ranges, a stalled transfer. */
class UrlDownloaderTest {

    private static final byte[] DATA = HubFileDownloaderTest.bytes(200_000, 3);
    private static final String SHA = FakeHub.sha256(DATA);

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private HttpServer other;
    private volatile boolean ignoreRanges;
    private volatile int stallOnce;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/file", this::serveFile);
        server.start();
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.setExecutor(executor);
        other.createContext("/moved", exchange -> {
            seen.add("other " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Location", url("/file").toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        other.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        other.stop(0);
        executor.shutdownNow();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void serveFile(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        seen.add("file " + range + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        int from = range == null || ignoreRanges ? 0 : Integer.parseInt(range.replaceAll("[^0-9]", ""));
        if (from > 0) {
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (DATA.length - 1) + "/"
                    + DATA.length);
        }
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, DATA.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
            if (stallOnce > 0) {
                int half = stallOnce;
                stallOnce = 0;
                out.write(DATA, from, half);
                out.flush();
                release.await(60, TimeUnit.SECONDS);
                return;
            }
            out.write(DATA, from, DATA.length - from);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void downloadsAndVerifies() throws Exception {
        Path target = dir.resolve("sub/data.bin");
        assertEquals(SHA, new UrlDownloader().download(url("/file"), target, Optional.of(SHA)));
        assertArrayEquals(DATA, Files.readAllBytes(target));
        assertFalse(Files.exists(dir.resolve("sub/data.bin.incomplete")));

        assertEquals(SHA, new UrlDownloader().download(url("/file"), target, Optional.of(SHA)));
        assertEquals(1, seen.size(), "a file already in place with the right sha256 is kept");
    }

    @Test
    void aMismatchIsRefusedAndDeleted() {
        Path target = dir.resolve("data.bin");
        String wrong = "0".repeat(64);
        HubException e = assertThrows(HubException.class,
                () -> new UrlDownloader().download(url("/file"), target, Optional.of(wrong)));
        assertEquals(HubException.Reason.CHECKSUM_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("has sha256 " + SHA + ", but the expected sha256 is " + wrong),
                e.getMessage());
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(dir.resolve("data.bin.incomplete")));
    }

    @Test
    void resumesAPartialFile() throws Exception {
        Path target = dir.resolve("data.bin");
        Files.write(dir.resolve("data.bin.incomplete"), Arrays.copyOf(DATA, 70_000));
        new UrlDownloader().download(url("/file"), target, Optional.of(SHA));
        assertEquals(List.of("file bytes=70000- null"), seen);
        assertArrayEquals(DATA, Files.readAllBytes(target));
    }

    @Test
    void aServerThatIgnoresTheRangeStartsOver() throws Exception {
        ignoreRanges = true;
        Path target = dir.resolve("data.bin");
        Files.write(dir.resolve("data.bin.incomplete"), Arrays.copyOf(DATA, 70_000));
        new UrlDownloader().download(url("/file"), target, Optional.of(SHA));
        assertArrayEquals(DATA, Files.readAllBytes(target));
    }

    @Test
    void followsRedirectsWithoutCarryingTheTokenToAnotherHost() throws Exception {
        URI moved = URI.create("http://127.0.0.1:" + other.getAddress().getPort() + "/moved");
        HubHttp http = new HubHttp(TransferSettings.DEFAULTS, Optional.of("hf_secret"), moved);
        Path partial = dir.resolve("data.bin.incomplete");
        long size = new HttpTransfer(http, TransferSettings.DEFAULTS).download(moved, partial, Sha256.digest(),
                OptionalLong.empty(), Long.MAX_VALUE, "test");
        assertEquals(DATA.length, size);
        assertEquals(List.of("other Bearer hf_secret", "file null null"), seen);
    }

    @Test
    @Timeout(60)
    void aStalledTransferTimesOutAndIsResumed() throws Exception {
        stallOnce = 50_000;
        TransferSettings quick = TransferSettings.DEFAULTS.withReadTimeout(Duration.ofMillis(300));
        Path target = dir.resolve("data.bin");
        new UrlDownloader(quick, Long.MAX_VALUE).download(url("/file"), target, Optional.of(SHA));
        assertArrayEquals(DATA, Files.readAllBytes(target));
        assertEquals(List.of("file null null", "file bytes=50000- null"), seen);
    }

    @Test
    @Timeout(60)
    void aStalledTransferWithoutRetriesFailsAndKeepsItsPartialFile() throws Exception {
        stallOnce = 50_000;
        TransferSettings quick = TransferSettings.DEFAULTS.withReadTimeout(Duration.ofMillis(300)).withRetries(0);
        Path target = dir.resolve("data.bin");
        HubException e = assertThrows(HubException.class,
                () -> new UrlDownloader(quick, Long.MAX_VALUE).download(url("/file"), target, Optional.of(SHA)));
        assertEquals(HubException.Reason.NETWORK, e.reason());
        assertTrue(e.getMessage().contains("no data for 300 ms"), e.getMessage());
        assertEquals(50_000, Files.size(dir.resolve("data.bin.incomplete")));
        assertFalse(Files.exists(target));
    }
}
