package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Reading a HEAD answer as huggingface_hub's get_hf_file_metadata does. */
class HubFileMetadataTest {

    private static final String COMMIT = HubFileDownloaderTest.COMMIT;
    private static final String SHA = "0f".repeat(32);
    private static final URI URL = URI.create("https://huggingface.co/org/x/resolve/main/model.gguf");
    private static final HubFile FILE = HubFile.of("org/x", "model.gguf");

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (name, value) -> true);
    }

    @Test
    void anLfsRedirectGivesTheSha256TheSizeAndTheCdnLocation() throws Exception {
        HubFileMetadata meta = HubFileMetadata.fromHeaders(URL, headers(Map.of("X-Repo-Commit", COMMIT,
                "X-Linked-Etag", "W/\"" + SHA + "\"", "ETag", "\"pointer\"", "X-Linked-Size", "123",
                "Content-Length", "1", "Location", "https://cdn-lfs.hf.co/repos/x/" + SHA + "?sig=1")), true, FILE);
        assertEquals(COMMIT, meta.commit());
        assertEquals(SHA, meta.etag());
        assertEquals(Optional.of(SHA), meta.sha256());
        assertEquals(OptionalLong.of(123), meta.size());
        assertEquals(URI.create("https://cdn-lfs.hf.co/repos/x/" + SHA + "?sig=1"), meta.location());
    }

    @Test
    void aPlainGitFileHasNoSha256() throws Exception {
        String sha1 = "a1".repeat(20);
        HubFileMetadata meta = HubFileMetadata.fromHeaders(URL, headers(Map.of("X-Repo-Commit", COMMIT,
                "ETag", "\"" + sha1 + "\"", "Content-Length", "42")), false, FILE);
        assertEquals(sha1, meta.etag());
        assertEquals(Optional.empty(), meta.sha256());
        assertEquals(OptionalLong.of(42), meta.size());
        assertEquals(URL, meta.location());
    }

    @Test
    void aRedirectsOwnContentLengthIsNotTheFileSize() throws Exception {
        HubFileMetadata meta = HubFileMetadata.fromHeaders(URL, headers(Map.of("X-Repo-Commit", COMMIT,
                "ETag", "\"" + SHA + "\"", "Content-Length", "0", "Location", "/other/place")), true, FILE);
        assertEquals(OptionalLong.empty(), meta.size());
        assertEquals(URI.create("https://huggingface.co/other/place"), meta.location());
    }

    @Test
    void anAnswerWithoutCommitIsNotFromAHub() {
        HubException e = assertThrows(HubException.class, () -> HubFileMetadata.fromHeaders(URL,
                headers(Map.of("ETag", "\"" + SHA + "\"")), false, FILE));
        assertEquals(HubException.Reason.INVALID_RESPONSE, e.reason());
        assertTrue(e.getMessage().contains("has no X-Repo-Commit header"), e.getMessage());
    }

    @Test
    void anEtagThatCouldEscapeTheCacheIsRefused() {
        HubException e = assertThrows(HubException.class, () -> HubFileMetadata.fromHeaders(URL,
                headers(Map.of("X-Repo-Commit", COMMIT, "ETag", "\"../../x\"")), false, FILE));
        assertEquals(HubException.Reason.INVALID_RESPONSE, e.reason());
    }
}
