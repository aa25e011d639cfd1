package dev.llmplatform.tokenizer.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.hfhub.FakeHub;
import dev.llmplatform.hfhub.HubException;
import dev.llmplatform.hfhub.HubOptions;
import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repo ids through the Hub library ({@code hf-hub}) against its fake Hub: tokenizer files verified by the git blob
 * sha1 the Hub publishes as their etag (they are not LFS files), laid out as huggingface_hub lays them out, and found
 * in the cache offline afterwards.
 */
class HubTokenizerFilesTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path cache;

    private FakeHub hub;
    private byte[] gpt2;

    @BeforeEach
    void start() throws Exception {
        gpt2 = Files.readAllBytes(TestAssets.dir("tokenizers").resolve("gpt2/tokenizer.json"));
        hub = FakeHub.start().requireToken("secret")
                .gitFile("org/tok", "main", "tokenizer.json", COMMIT, gpt2)
                .gitFile("org/tok", COMMIT, "tokenizer_config.json", COMMIT, "{\"model_max_length\":1024}"
                        .getBytes())
                .gitFile("org/bare", "main", "tokenizer.json", COMMIT, gpt2);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubTokenizerFiles files(boolean offline) {
        return new HubTokenizerFiles(HubOptions.of(cache).withEndpoint(hub.endpoint().toString())
                .withToken(Optional.of("secret")).withOffline(offline), "main");
    }

    @Test
    void downloadsVerifiedIntoTheCacheAndFindsThemThereOffline() throws Exception {
        Path folder = files(false).resolve("org/tok");
        Path repo = cache.toAbsolutePath().resolve("models--org--tok");
        assertEquals(repo.resolve("snapshots").resolve(COMMIT), folder);
        assertArrayEquals(gpt2, Files.readAllBytes(folder.resolve("tokenizer.json")));
        assertTrue(Files.isSymbolicLink(folder.resolve("tokenizer.json")));
        assertEquals(Path.of("../../blobs/" + FakeHub.gitBlobSha1(gpt2)),
                Files.readSymbolicLink(folder.resolve("tokenizer.json")), "the blob is named by its git blob sha1");
        assertEquals("{\"model_max_length\":1024}", Files.readString(folder.resolve("tokenizer_config.json")));
        assertEquals(COMMIT, Files.readString(repo.resolve("refs/main")));
        assertTrue(hub.requests().stream().allMatch(r -> "Bearer secret".equals(r.authorization())),
                "the token is sent to the Hub");

        int asked = hub.requests().size();
        assertEquals(folder, files(true).resolve("org/tok"));
        assertEquals(folder, files(false).resolve("org/tok"), "online, the cache is asked first");
        assertEquals(asked, hub.requests().size());
    }

    @Test
    void aRepoWithoutTokenizerConfigIsServedWithoutIt() throws Exception {
        Path folder = files(false).resolve("org/bare");
        assertArrayEquals(gpt2, Files.readAllBytes(folder.resolve("tokenizer.json")));
        assertFalse(Files.exists(folder.resolve("tokenizer_config.json")));
    }

    @Test
    void failuresCarryTheirReason() {
        HubException missing = assertThrows(HubException.class, () -> files(false).resolve("org/missing"));
        assertEquals(HubException.Reason.NOT_FOUND, missing.reason());
        HubException offline = assertThrows(HubException.class, () -> files(true).resolve("org/tok"));
        assertEquals(HubException.Reason.NOT_CACHED_OFFLINE, offline.reason());
        hub.gitFile("org/bad", "main", "tokenizer.json", COMMIT, gpt2, FakeHub.gitBlobSha1("other".getBytes()));
        HubException bad = assertThrows(HubException.class, () -> files(false).resolve("org/bad"));
        assertEquals(HubException.Reason.CHECKSUM_MISMATCH, bad.reason());
    }
}
