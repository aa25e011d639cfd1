package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas sharing one cache fetch the same file at the same time: the fake Hub holds every download until both
 * have asked for the file's metadata, so without the blob lock both would download (and write the same
 * {@code .incomplete} file). With it, one downloads, the other waits and links the finished blob.
 */
class ReplicasTest {

    private static final String COMMIT = HubFileDownloaderTest.COMMIT;
    private static final byte[] MODEL = HubFileDownloaderTest.bytes(2_000_000, 7);
    private static final String SHA = FakeHub.sha256(MODEL);

    @TempDir
    Path cacheDir;

    private FakeHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = FakeHub.start().lfsFile("org/shared", "main", "model.gguf", COMMIT, MODEL).holdDownloadsUntilHeads(2);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void twoDownloadersInTwoThreadsDownloadOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<HubDownload>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                HubFileDownloader replica = new HubFileDownloader(
                        HubOptions.of(cacheDir).withEndpoint(hub.endpoint().toString()));
                results.add(threads.submit(() -> replica.fetch(HubFile.of("org/shared", "model.gguf"))));
            }
            for (Future<HubDownload> result : results) {
                assertArrayEquals(MODEL, Files.readAllBytes(result.get().path()));
            }
        } finally {
            threads.shutdownNow();
        }
        assertOneDownloadAndAnIntactCache();
    }

    @Test
    void twoProcessesDownloadOnce() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(javaCommand(), "-cp", testClassPath(), ReplicaMain.class.getName(),
                    hub.endpoint().toString(), cacheDir.toString(), "org/shared", "model.gguf")
                    .redirectErrorStream(true).start());
        }
        Path expected = cacheDir.toAbsolutePath().resolve("models--org--shared/snapshots/" + COMMIT + "/model.gguf");
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), output);
            assertTrue(output.contains("OK HUB_SHA256 " + expected), output);
        }
        assertOneDownloadAndAnIntactCache();
    }

    private void assertOneDownloadAndAnIntactCache() throws Exception {
        assertEquals(2, hub.count("hub", "HEAD"));
        assertEquals(1, hub.bodyDownloads(), hub.requests().toString());
        Path blobs = cacheDir.resolve("models--org--shared/blobs");
        try (Stream<Path> files = Files.list(blobs)) {
            assertEquals(List.of(blobs.resolve(SHA)), files.toList(), "one blob, no partial file left");
        }
        assertEquals(SHA, Sha256.of(blobs.resolve(SHA)));
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire names the test class path in surefire.test.class.path (java.class.path may be its booter jar). */
    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }
}
