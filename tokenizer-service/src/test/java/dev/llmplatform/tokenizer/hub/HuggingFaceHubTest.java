package dev.llmplatform.tokenizer.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repo ids through the Hugging Face cache layout and through a download from a local stand-in for the Hub. */
class HuggingFaceHubTest {

    @TempDir
    Path home;

    @Test
    void resolvesRepoIdsFromTheCacheOffline() throws Exception {
        Path repo = home.resolve("hub/models--openai-community--gpt2");
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(FakeHub.COMMIT));
        Files.createSymbolicLink(snapshot.resolve("tokenizer.json"),
                TestAssets.dir("tokenizers").resolve("gpt2/tokenizer.json"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), FakeHub.COMMIT + "\n");
        HuggingFaceHub hub = new HuggingFaceHub(new HuggingFaceCache(home.resolve("hub")), Optional.empty(), "main");
        assertEquals(Optional.of(snapshot), hub.resolve("openai-community/gpt2"));
        assertEquals(Optional.empty(), hub.resolve("other/missing"), "offline: a miss stays a miss");
    }

    @Test
    void downloadsIntoTheCacheWithTheToken() throws Exception {
        byte[] gpt2 = Files.readAllBytes(TestAssets.dir("tokenizers").resolve("gpt2/tokenizer.json"));
        try (FakeHub fake = new FakeHub(Map.of("org/tok", gpt2))) {
            HuggingFaceHub hub = new HuggingFaceHub(new HuggingFaceCache(home.resolve("hub")),
                    Optional.of(fake.downloader(Optional.of("secret"))), "main");
            Path snapshot = hub.resolve("org/tok").orElseThrow();
            assertEquals(Optional.empty(), hub.resolve("org/missing"));
            assertTrue(fake.requests().contains("/org/tok/resolve/main/tokenizer.json Bearer secret"),
                    fake.requests().toString());
            Path repo = home.resolve("hub/models--org--tok");
            assertEquals(FakeHub.COMMIT, Files.readString(repo.resolve("refs/main"), StandardCharsets.UTF_8));
            assertEquals(repo.resolve("snapshots").resolve(FakeHub.COMMIT), snapshot);
            assertArrayEquals(gpt2, Files.readAllBytes(snapshot.resolve("tokenizer.json")));
            long before = fake.requests().size();
            assertEquals(Optional.of(snapshot), hub.resolve("org/tok"), "the second resolve is served from the cache");
            assertEquals(before, fake.requests().size());
        }
        HuggingFaceHub offline = new HuggingFaceHub(new HuggingFaceCache(home.resolve("hub")), Optional.empty(),
                "main");
        assertTrue(offline.resolve("org/tok").isPresent(), "the download is served from the cache offline");
    }
}
