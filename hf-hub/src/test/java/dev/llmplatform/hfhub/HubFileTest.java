package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HubFileTest {

    @Test
    void resolveUrlsEncodeTheRevisionAsOneSegment() {
        URI endpoint = URI.create("https://huggingface.co");
        assertEquals(URI.create("https://huggingface.co/org/x/resolve/main/dir/a%20b.gguf"),
                HubFile.of("org/x", "dir/a b.gguf").resolveUrl(endpoint));
        assertEquals(URI.create("https://huggingface.co/org/x/resolve/refs%2Fpr%2F1/model.gguf"),
                new HubFile("org/x", "refs/pr/1", "model.gguf").resolveUrl(endpoint));
    }

    @Test
    void namesThatCouldLeaveTheCacheAreRejected() {
        for (String repo : new String[] {"../x", "org/../x", "a/b/c", "org--x/y", "", "/x"}) {
            assertThrows(IllegalArgumentException.class, () -> HubFile.of(repo, "f"), repo);
        }
        for (String path : new String[] {"../f", "a/../../f", "/f", "a//f", "a\\f", "", "a/./f"}) {
            assertThrows(IllegalArgumentException.class, () -> HubFile.of("org/x", path), path);
        }
        for (String revision : new String[] {"..", "a/../b", "", "a b"}) {
            assertThrows(IllegalArgumentException.class, () -> new HubFile("org/x", revision, "f"), revision);
        }
    }

    @Test
    void recognisesCommitHashes() {
        assertTrue(HubFile.of("org/x", "f").atRevision("0123456789abcdef0123456789abcdef01234567")
                .revisionIsCommit());
        assertFalse(HubFile.of("org/x", "f").revisionIsCommit());
        assertFalse(HubFile.isCommit("0123456789ABCDEF0123456789abcdef01234567"));
    }
}
