package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token goes to the Hub's host only, never to the CDN it redirects to, and never into a message. */
class HubTokenTest {

    private static final String COMMIT = HubFileDownloaderTest.COMMIT;
    private static final byte[] MODEL = HubFileDownloaderTest.MODEL;

    @TempDir
    Path cacheDir;

    private FakeHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = FakeHub.startWithSeparateCdn().lfsFile("org/gated", "main", "model.gguf", COMMIT, MODEL)
                .gitFile("org/gated", "main", "config.json", COMMIT, "{}".getBytes());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubFileDownloader downloader(String token) {
        return new HubFileDownloader(HubOptions.of(cacheDir).withEndpoint(hub.endpoint().toString())
                .withToken(Optional.of(token)).withAllowUnverified(true));
    }

    @Test
    void theTokenGoesToTheHubAndNotToTheRedirectedHost() throws Exception {
        hub.requireToken("hf_secret");
        HubDownload model = downloader("hf_secret").fetch(HubFile.of("org/gated", "model.gguf"));
        HubDownload config = downloader("hf_secret").fetch(HubFile.of("org/gated", "config.json"));

        assertArrayEquals(MODEL, Files.readAllBytes(model.path()));
        assertArrayEquals("{}".getBytes(), Files.readAllBytes(config.path()));
        List<FakeHub.Request> onHub = hub.requests().stream().filter(r -> r.server().equals("hub")).toList();
        List<FakeHub.Request> onCdn = hub.requests().stream().filter(r -> r.server().equals("cdn")).toList();
        assertEquals(3, onHub.size(), "two HEADs and the GET of the plain file: " + onHub);
        assertTrue(onHub.stream().allMatch(r -> "Bearer hf_secret".equals(r.authorization())), onHub.toString());
        assertEquals(1, onCdn.size());
        assertEquals("GET", onCdn.get(0).method());
        assertNull(onCdn.get(0).authorization(), "no token to the CDN");
    }

    @Test
    void aRefusedTokenIsExplainedWithoutBeingShown() {
        hub.requireToken("hf_right");
        HubException e = assertThrows(HubException.class,
                () -> downloader("hf_wrong_1234").fetch(HubFile.of("org/gated", "model.gguf")));
        assertEquals(HubException.Reason.ACCESS_DENIED, e.reason());
        assertTrue(e.getMessage().contains("answered HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("set HF_TOKEN to a token with access"), e.getMessage());
        assertTrue(e.getMessage().contains("the token that was sent was not accepted"), e.getMessage());
        assertFalse(e.getMessage().contains("hf_wrong_1234"), e.getMessage());
        assertFalse(HubOptions.of(cacheDir).withToken(Optional.of("hf_wrong_1234")).toString()
                .contains("hf_wrong_1234"));
    }
}
