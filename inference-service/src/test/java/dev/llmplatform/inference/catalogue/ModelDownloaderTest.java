package dev.llmplatform.inference.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.hfhub.FakeHub;
import dev.llmplatform.inference.model.ModelLoadException;
import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue download against the hf-hub library's fake Hub, serving the real stories260K file. */
class ModelDownloaderTest {

    private static final String SHA = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path hfHome;

    private FakeHub hub;
    private byte[] body;

    @BeforeEach
    void start() throws Exception {
        body = Files.readAllBytes(TestAssets.file("models/stories260K.gguf"));
        hub = FakeHub.start().lfsFile("org/tiny", "main", "stories.gguf", COMMIT, body);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private CatalogueEntry entry(String file, String sha256) {
        return new CatalogueEntry("tiny", "tiny", "org/tiny", file, "main", sha256, 0, 0, "", -1);
    }

    private ModelDownloader downloader(boolean allowUnverified) {
        return new ModelDownloader(hub.endpoint().toString(), hfHome, Optional.of("secret"), allowUnverified, false);
    }

    private Path repo() {
        return hfHome.toAbsolutePath().resolve("hub/models--org--tiny");
    }

    @Test
    void downloadsVerifiesAndLaysOutTheHuggingFaceCache() throws Exception {
        Path file = downloader(false).fetch(entry("stories.gguf", SHA));
        assertEquals(repo().resolve("snapshots/" + COMMIT + "/stories.gguf"), file);
        assertTrue(Files.isSymbolicLink(file));
        assertArrayEquals(body, Files.readAllBytes(file));
        assertTrue(Files.isRegularFile(repo().resolve("blobs/" + SHA)));
        assertEquals(COMMIT, Files.readString(repo().resolve("refs/main")));
        assertEquals("Bearer secret", hub.requests().get(0).authorization());
        int seen = hub.requests().size();
        assertEquals(file, downloader(false).fetch(entry("stories.gguf", SHA)));
        assertEquals(seen, hub.requests().size(), "a cached file is used without the network");
    }

    @Test
    void anEntryWithoutRecordedSha256IsVerifiedAgainstTheHubsAndFoundAgainAfterARestart() throws Exception {
        Path file = downloader(false).fetch(entry("stories.gguf", ""));
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(1, hub.bodyDownloads());
        hub.close();
        assertEquals(file, downloader(false).fetch(entry("stories.gguf", "")), "no download after a restart");
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws Exception {
        Path partial = repo().resolve("blobs/" + SHA + ".incomplete");
        Files.createDirectories(partial.getParent());
        Files.write(partial, Arrays.copyOf(body, 1000));
        Path file = downloader(false).fetch(entry("stories.gguf", SHA));
        List<String> ranges = hub.requests().stream().filter(r -> r.path().startsWith("body:"))
                .map(FakeHub.Request::range).toList();
        assertEquals(List.of("bytes=1000-"), ranges);
        assertArrayEquals(body, Files.readAllBytes(file));
    }

    @Test
    void aRecordedSha256ThatDiffersFromTheHubsIsRefusedWithoutDownloading() {
        String wrong = "0".repeat(64);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> downloader(false).fetch(entry("stories.gguf", wrong)));
        assertEquals("catalogue entry tiny: org/tiny/stories.gguf@main: the Hub publishes sha256 " + SHA
                + " for it at commit " + COMMIT + ", but the expected sha256 is " + wrong + "; nothing was downloaded"
                + " (the expected sha256 is the one catalogue.json records)", e.getMessage());
        assertEquals(0, hub.bodyDownloads());
    }

    @Test
    void bytesThatDoNotMatchAreDeletedAndRefused() {
        byte[] corrupt = body.clone();
        corrupt[corrupt.length / 2] ^= 1;
        hub.lfsFile("org/tiny", "main", "corrupt.gguf", COMMIT, corrupt, SHA);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> downloader(false).fetch(entry("corrupt.gguf", "")));
        assertEquals("catalogue entry tiny: org/tiny/corrupt.gguf@main: the download has sha256 "
                + FakeHub.sha256(corrupt) + ", but the Hub publishes " + SHA + "; it was refused and deleted",
                e.getMessage());
        assertFalse(Files.exists(repo().resolve("blobs/" + SHA + ".incomplete")));
        assertFalse(Files.exists(repo().resolve("blobs/" + SHA)));
    }

    @Test
    void aPlainGitFileIsVerifiedByTheBlobSha1TheHubPublishes() throws Exception {
        hub.gitFile("org/tiny", "main", "plain.gguf", COMMIT, body);
        Path file = downloader(false).fetch(entry("plain.gguf", ""));
        assertArrayEquals(body, Files.readAllBytes(file));
    }

    @Test
    void aFileTheHubGivesNoHashForNeedsExplicitPermission() throws Exception {
        hub.gitFile("org/tiny", "main", "plain.gguf", COMMIT, body, "not-a-hash");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> downloader(false).fetch(entry("plain.gguf", "")));
        assertTrue(e.getMessage().startsWith("catalogue entry tiny: org/tiny/plain.gguf@main: the Hub gives no hash "
                + "for this file"), e.getMessage());
        assertTrue(e.getMessage().endsWith("set LLM_ALLOW_UNVERIFIED=true to load files the Hub gives no sha256 "
                + "for"), e.getMessage());
        assertEquals(0, hub.bodyDownloads(), "nothing is downloaded before permission");

        Path file = downloader(true).fetch(entry("plain.gguf", ""));
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(file, downloader(false).fetch(entry("plain.gguf", SHA)), "a recorded sha256 verifies it");
    }

    @Test
    void offlineModeUsesOnlyTheCache() {
        ModelDownloader offline = new ModelDownloader(hub.endpoint().toString(), hfHome, Optional.empty(), false,
                true);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> offline.fetch(entry("stories.gguf", SHA)));
        assertTrue(e.getMessage().startsWith("catalogue entry tiny: org/tiny/stories.gguf@main: offline mode "
                + "(HF_HUB_OFFLINE)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; unset HF_HUB_OFFLINE to download it"), e.getMessage());
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void httpErrorsAreRefusedClearly() {
        CatalogueEntry missing = new CatalogueEntry("m", "m", "org/missing", "x.gguf", "main", SHA, 0, 0, "", -1);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> downloader(false).fetch(missing));
        assertTrue(e.getMessage().startsWith("catalogue entry m: "), e.getMessage());
        assertTrue(e.getMessage().contains("answered HTTP 404"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
