package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line entry scripts call: the local path on standard output, the reason and a non-zero status else. */
class HubCliTest {

    private static final String COMMIT = HubFileDownloaderTest.COMMIT;
    private static final byte[] MODEL = HubFileDownloaderTest.bytes(50_000, 7);
    private static final byte[] TOKENIZER = "{\"model\":{\"type\":\"BPE\"}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path cacheDir;

    private FakeHub hub;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        hub = FakeHub.start().lfsFile("org/tiny", "main", "model.gguf", COMMIT, MODEL)
                .gitFile("org/tiny", "main", "tokenizer.json", COMMIT, TOKENIZER);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private int run(String... args) throws InterruptedException {
        return run(Map.of("HF_ENDPOINT", hub.endpoint().toString(), "HF_HUB_CACHE", cacheDir.toString()), args);
    }

    private int run(Map<String, String> env, String... args) throws InterruptedException {
        out.reset();
        err.reset();
        return HubCli.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheLocalPathOfAVerifiedFile() throws Exception {
        assertEquals(0, run("download", "org/tiny", "model.gguf", "--sha256", FakeHub.sha256(MODEL)), err());
        Path path = Path.of(out().strip());
        assertEquals(cacheDir.toAbsolutePath().resolve("models--org--tiny/snapshots/" + COMMIT + "/model.gguf"), path);
        assertEquals(out().strip() + System.lineSeparator(), out(), "the path alone on its line");
        assertArrayEquals(MODEL, Files.readAllBytes(path));

        assertEquals(0, run("download", "org/tiny", "tokenizer.json", "--revision", "main"), err());
        assertArrayEquals(TOKENIZER, Files.readAllBytes(Path.of(out().strip())), "verified by its git blob sha1");
    }

    @Test
    void failuresGiveTheReasonOnStandardErrorAndStatusOne() throws Exception {
        String wrong = "ab".repeat(32);
        assertEquals(1, run("download", "org/tiny", "model.gguf", "--sha256", wrong));
        assertEquals("", out());
        assertTrue(err().startsWith("CHECKSUM_MISMATCH: org/tiny/model.gguf@main: the Hub publishes sha256"),
                err());

        assertEquals(1, run("download", "org/tiny", "missing.gguf"));
        assertTrue(err().startsWith("NOT_FOUND: "), err());

        assertEquals(1, run(Map.of("HF_HUB_CACHE", cacheDir.toString(), "HF_HUB_OFFLINE", "1"),
                "download", "org/tiny", "model.gguf"));
        assertTrue(err().startsWith("NOT_CACHED_OFFLINE: "), err());
        assertEquals("", out());
    }

    @Test
    void aWrongCommandLineIsStatusTwo() throws Exception {
        assertEquals(2, run());
        assertTrue(err().startsWith("usage: HubCli download <repo> <path-in-repo>"), err());
        assertEquals(2, run("upload", "org/tiny", "model.gguf"));
        assertEquals(2, run("download", "org/tiny"));
        assertEquals(2, run("download", "org/tiny", "model.gguf", "--revision"));
        assertEquals(2, run("download", "org/tiny", "model.gguf", "--force"));
        assertEquals(2, run("download", "../etc", "model.gguf"));
        assertTrue(err().contains("is not a repository id"), err());
        assertEquals(2, run("download", "org/tiny", "model.gguf", "--sha256", "xyz"));
        assertTrue(err().contains("is not a sha256"), err());
        assertEquals(List.of(), hub.requests(), "nothing was asked of the Hub");
    }
}
