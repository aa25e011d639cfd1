package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local fake Hub: verification, the cache layout, resume, offline and cache hits. */
class HubFileDownloaderTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final byte[] MODEL = bytes(300_000, 1);
    static final String MODEL_SHA = FakeHub.sha256(MODEL);
    static final HubFile MODEL_FILE = HubFile.of("org/tiny", "weights/model.gguf");

    @TempDir
    Path cacheDir;

    private FakeHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = FakeHub.start().lfsFile("org/tiny", "main", "weights/model.gguf", COMMIT, MODEL);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private HubOptions options() {
        return HubOptions.of(cacheDir).withEndpoint(hub.endpoint().toString()).withToken(Optional.of("secret"));
    }

    private Path repo() {
        return cacheDir.toAbsolutePath().resolve("models--org--tiny");
    }

    @Test
    void anLfsFileIsVerifiedByTheHubsSha256AndLaidOutAsHuggingfaceHubDoes() throws Exception {
        HubDownload result = new HubFileDownloader(options()).fetch(MODEL_FILE);

        Path entry = repo().resolve("snapshots/" + COMMIT + "/weights/model.gguf");
        assertEquals(entry, result.path());
        assertEquals(Verification.HUB_SHA256, result.verification());
        assertEquals(Optional.of(MODEL_SHA), result.sha256());
        assertEquals(COMMIT, result.commit());
        assertFalse(result.fromCache());
        assertTrue(Files.isSymbolicLink(entry));
        assertEquals(Path.of("../../../blobs/" + MODEL_SHA), Files.readSymbolicLink(entry));
        assertArrayEquals(MODEL, Files.readAllBytes(repo().resolve("blobs/" + MODEL_SHA)));
        assertEquals(COMMIT, Files.readString(repo().resolve("refs/main")));
        assertTrue(Files.isRegularFile(cacheDir.resolve(".locks/models--org--tiny/" + MODEL_SHA + ".lock")));
        assertFalse(Files.exists(repo().resolve("blobs/" + MODEL_SHA + ".incomplete")));
        assertEquals(1, hub.count("hub", "HEAD"));
        assertEquals(1, hub.bodyDownloads());
    }

    @Test
    void aRecordedSha256IsWhatTheBytesAreCheckedAgainst() throws Exception {
        HubDownload result = new HubFileDownloader(options()).fetch(MODEL_FILE, Optional.of(MODEL_SHA.toUpperCase()));
        assertEquals(Verification.EXPECTED_SHA256, result.verification());
        assertArrayEquals(MODEL, Files.readAllBytes(result.path()));
    }

    @Test
    void bytesThatDoNotMatchTheHubsSha256AreRefusedAndDeleted() throws Exception {
        String published = FakeHub.sha256(bytes(10, 2));
        hub.lfsFile("org/tiny", "main", "bad.gguf", COMMIT, MODEL, published);

        HubException e = assertThrows(HubException.class,
                () -> new HubFileDownloader(options()).fetch(HubFile.of("org/tiny", "bad.gguf")));

        assertEquals(HubException.Reason.CHECKSUM_MISMATCH, e.reason());
        assertEquals("org/tiny/bad.gguf@main: the download has sha256 " + MODEL_SHA + ", but the Hub publishes "
                + published + "; it was refused and deleted", e.getMessage());
        assertFalse(Files.exists(repo().resolve("blobs/" + published + ".incomplete")));
        assertFalse(Files.exists(repo().resolve("blobs/" + published)));
        assertFalse(Files.exists(repo().resolve("snapshots/" + COMMIT + "/bad.gguf")), "no snapshot entry");
        assertFalse(Files.exists(repo().resolve("refs/main")), "no ref for a refused file");
    }

    @Test
    void aRecordedSha256ThatDiffersFromTheHubsIsRefusedBeforeDownloading() {
        String recorded = "ab".repeat(32);
        HubException e = assertThrows(HubException.class,
                () -> new HubFileDownloader(options()).fetch(MODEL_FILE, Optional.of(recorded)));
        assertEquals(HubException.Reason.CHECKSUM_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("the Hub publishes sha256 " + MODEL_SHA + " for it at commit " + COMMIT
                + ", but the expected sha256 is " + recorded + "; nothing was downloaded"), e.getMessage());
        assertEquals(0, hub.bodyDownloads());
    }

    @Test
    void aLeftoverIncompleteFileIsContinuedWithARangeRequest() throws Exception {
        Path partial = repo().resolve("blobs/" + MODEL_SHA + ".incomplete");
        Files.createDirectories(partial.getParent());
        Files.write(partial, Arrays.copyOf(MODEL, MODEL.length / 2));

        HubDownload result = new HubFileDownloader(options()).fetch(MODEL_FILE);

        List<FakeHub.Request> downloads = hub.requests().stream().filter(r -> r.path().startsWith("body:")).toList();
        assertEquals(1, downloads.size());
        assertEquals("bytes=" + MODEL.length / 2 + "-", downloads.get(0).range());
        assertArrayEquals(MODEL, Files.readAllBytes(result.path()));
        assertEquals(Verification.HUB_SHA256, result.verification());
        assertFalse(Files.exists(partial));
    }

    @Test
    void aNonLfsFileIsVerifiedByTheGitBlobSha1TheHubPublishesAsItsEtag() throws Exception {
        byte[] config = "{\"model_type\":\"llama\"}".getBytes();
        String sha1 = FakeHub.gitBlobSha1(config);
        hub.gitFile("org/tiny", "main", "config.json", COMMIT, config);
        HubFile file = HubFile.of("org/tiny", "config.json");

        HubDownload result = new HubFileDownloader(options()).fetch(file);

        assertEquals(Verification.HUB_GIT_SHA1, result.verification());
        assertEquals(Optional.of(FakeHub.sha256(config)), result.sha256(), "the sha256 of the bytes is reported");
        assertArrayEquals(config, Files.readAllBytes(result.path()));
        assertEquals(Path.of("../../blobs/" + sha1), Files.readSymbolicLink(result.path()));
        assertEquals(1, hub.bodyDownloads());

        hub.close();
        HubDownload cached = new HubFileDownloader(options().withOffline(true)).fetch(file);
        assertTrue(cached.fromCache());
        assertEquals(Verification.HUB_GIT_SHA1, cached.verification(), "the cached copy is hashed again");
        assertEquals(Optional.of(FakeHub.sha256(config)), cached.sha256());
    }

    @Test
    void aNonLfsFileWhoseBytesDoNotMatchItsGitBlobSha1IsRefusedAndDeleted() throws Exception {
        byte[] config = "{\"model_type\":\"llama\"}".getBytes();
        String published = FakeHub.gitBlobSha1("something else".getBytes());
        hub.gitFile("org/tiny", "main", "config.json", COMMIT, config, published);

        HubException e = assertThrows(HubException.class,
                () -> new HubFileDownloader(options()).fetch(HubFile.of("org/tiny", "config.json")));

        assertEquals(HubException.Reason.CHECKSUM_MISMATCH, e.reason());
        assertEquals("org/tiny/config.json@main: the download has git blob sha1 " + FakeHub.gitBlobSha1(config)
                + ", but the Hub publishes " + published + " (its etag); it was refused and deleted", e.getMessage());
        assertFalse(Files.exists(repo().resolve("blobs/" + published)));
        assertFalse(Files.exists(repo().resolve("blobs/" + published + ".incomplete")));
        assertFalse(Files.exists(repo().resolve("snapshots/" + COMMIT + "/config.json")));
    }

    @Test
    void aCachedNonLfsFileThatNoLongerMatchesIsNotUsedAndIsDownloadedAgain() throws Exception {
        byte[] config = "{\"vocab_size\":32000}".getBytes();
        hub.gitFile("org/tiny", "main", "config.json", COMMIT, config);
        HubFile file = HubFile.of("org/tiny", "config.json");
        HubDownload first = new HubFileDownloader(options()).fetch(file);
        Path blob = repo().resolve("blobs/" + FakeHub.gitBlobSha1(config));
        Files.write(blob, "{\"vocab_size\":1}".getBytes());

        HubException offline = assertThrows(HubException.class,
                () -> new HubFileDownloader(options().withOffline(true)).fetch(file));
        assertEquals(HubException.Reason.NOT_CACHED_OFFLINE, offline.reason());
        assertTrue(offline.getMessage().contains("not the " + FakeHub.gitBlobSha1(config)
                + " its blob is named after"), offline.getMessage());

        HubDownload again = new HubFileDownloader(options()).fetch(file);
        assertEquals(first.path(), again.path());
        assertArrayEquals(config, Files.readAllBytes(again.path()), "the altered blob was replaced");
        assertEquals(2, hub.bodyDownloads());
    }

    @Test
    void aFileTheHubGivesNoHashForIsRefusedUnlessUnverifiedFilesAreAllowed() throws Exception {
        byte[] config = "{\"model_type\":\"llama\"}".getBytes();
        hub.gitFile("org/tiny", "main", "config.json", COMMIT, config, "not-a-hash");
        HubFile file = HubFile.of("org/tiny", "config.json");

        HubException e = assertThrows(HubException.class, () -> new HubFileDownloader(options()).fetch(file));
        assertEquals(HubException.Reason.NO_HUB_HASH, e.reason());
        assertTrue(e.getMessage().startsWith("org/tiny/config.json@main: the Hub gives no hash for this file"),
                e.getMessage());
        assertEquals(0, hub.bodyDownloads(), "nothing is downloaded before permission");

        try (LogCapture log = new LogCapture()) {
            HubDownload result = new HubFileDownloader(options().withAllowUnverified(true)).fetch(file);
            assertEquals(Verification.UNVERIFIED, result.verification());
            assertArrayEquals(config, Files.readAllBytes(result.path()));
            assertTrue(log.has(Level.WARNING, "org/tiny/config.json@main: downloaded, commit " + COMMIT
                    + ": UNVERIFIED"), log.lines().toString());
        }
    }

    @Test
    void gitBlobSha1IsWhatGitComputes() throws Exception {
        // git hash-object of "hello\n" and of the empty file.
        assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", GitBlobSha1.of("hello\n".getBytes()));
        assertEquals("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", GitBlobSha1.of(new byte[0]));
        Path file = Files.write(cacheDir.resolve("hello.txt"), "hello\n".getBytes());
        assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", GitBlobSha1.of(file));
        assertTrue(GitBlobSha1.isSha1("ce013625030ba8dba906f756967f9e9ca394464a"));
        assertFalse(GitBlobSha1.isSha1(MODEL_SHA), "a sha256 is not a git object id");
    }

    @Test
    void aCachedFileIsFoundThroughRefsAndSnapshotsWithoutTheNetwork() throws Exception {
        HubDownload first = new HubFileDownloader(options()).fetch(MODEL_FILE);
        hub.close();

        HubDownload again = new HubFileDownloader(options()).fetch(MODEL_FILE);

        assertTrue(again.fromCache());
        assertEquals(first.path(), again.path());
        assertEquals(COMMIT, again.commit());
        assertEquals(Verification.HUB_SHA256, again.verification());
        assertEquals(Optional.of(MODEL_SHA), again.sha256());
        assertEquals(Verification.EXPECTED_SHA256,
                new HubFileDownloader(options()).fetch(MODEL_FILE, Optional.of(MODEL_SHA)).verification());
        assertEquals(first.path(), new HubFileDownloader(options()).fetch(MODEL_FILE.atRevision(COMMIT)).path(),
                "a commit revision needs no ref");
    }

    @Test
    void aCachedFileWithAnotherSha256IsNotUsedOffline() throws Exception {
        new HubFileDownloader(options()).fetch(MODEL_FILE);
        HubException e = assertThrows(HubException.class, () -> new HubFileDownloader(options().withOffline(true))
                .fetch(MODEL_FILE, Optional.of("cd".repeat(32))));
        assertEquals(HubException.Reason.NOT_CACHED_OFFLINE, e.reason());
        assertTrue(e.getMessage().contains("has sha256 " + MODEL_SHA + ", not the expected " + "cd".repeat(32)),
                e.getMessage());
    }

    @Test
    void offlineModeNeverTouchesTheNetwork() throws Exception {
        HubFileDownloader offline = new HubFileDownloader(options().withOffline(true));
        HubException e = assertThrows(HubException.class, () -> offline.fetch(MODEL_FILE));
        assertEquals(HubException.Reason.NOT_CACHED_OFFLINE, e.reason());
        assertTrue(e.getMessage().startsWith("org/tiny/weights/model.gguf@main: offline mode (HF_HUB_OFFLINE)"),
                e.getMessage());
        assertEquals(List.of(), hub.requests());

        new HubFileDownloader(options()).fetch(MODEL_FILE);
        int seen = hub.requests().size();
        HubDownload cached = offline.fetch(MODEL_FILE);
        assertTrue(cached.fromCache());
        assertArrayEquals(MODEL, Files.readAllBytes(cached.path()));
        assertEquals(seen, hub.requests().size());
    }

    @Test
    void aBlobAlreadyDownloadedForAnotherCommitIsLinkedNotDownloaded() throws Exception {
        new HubFileDownloader(options()).fetch(MODEL_FILE);
        String next = "fedcba9876543210fedcba9876543210fedcba98";
        hub.lfsFile("org/tiny", "v2", "weights/model.gguf", next, MODEL);

        HubDownload result = new HubFileDownloader(options()).fetch(MODEL_FILE.atRevision("v2"));

        assertEquals(repo().resolve("snapshots/" + next + "/weights/model.gguf"), result.path());
        assertArrayEquals(MODEL, Files.readAllBytes(result.path()));
        assertEquals(next, Files.readString(repo().resolve("refs/v2")));
        assertEquals(1, hub.bodyDownloads());
    }

    @Test
    void aMissingFileIsNotFound() {
        HubException e = assertThrows(HubException.class,
                () -> new HubFileDownloader(options()).fetch(HubFile.of("org/tiny", "nope.gguf")));
        assertEquals(HubException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("answered HTTP 404 (no such file in the repository at this revision)"),
                e.getMessage());
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeDownloading() {
        HubException e = assertThrows(HubException.class,
                () -> new HubFileDownloader(options().withMaxFileBytes(1000)).fetch(MODEL_FILE));
        assertEquals(HubException.Reason.TOO_LARGE, e.reason());
        assertEquals(0, hub.bodyDownloads());
    }
}
