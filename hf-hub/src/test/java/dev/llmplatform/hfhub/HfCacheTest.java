package dev.llmplatform.hfhub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfCacheTest {

    private static final String COMMIT = HubFileDownloaderTest.COMMIT;
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path root;

    @Test
    void namesFollowTheHuggingFaceLayout() {
        HfCache cache = new HfCache(root);
        Path repo = root.toAbsolutePath().resolve("models--org--name");
        assertEquals("models--org--name", HfCache.repoFolderName("org/name"));
        assertEquals("models--gpt2", HfCache.repoFolderName("gpt2"));
        assertEquals(repo.resolve("blobs/" + SHA), cache.blob("org/name", SHA));
        assertEquals(repo.resolve("blobs/" + SHA + ".incomplete"), cache.incomplete("org/name", SHA));
        assertEquals(repo.resolve("refs/main"), cache.ref("org/name", "main"));
        assertEquals(repo.resolve("snapshots/" + COMMIT + "/a/b.gguf"), cache.snapshotFile("org/name", COMMIT,
                "a/b.gguf"));
        assertEquals(root.toAbsolutePath().resolve(".locks/models--org--name/" + SHA + ".lock"),
                cache.lockFile("org/name", SHA));
    }

    @Test
    void snapshotEntriesAreRelativeLinksToTheirBlob() throws IOException {
        HfCache cache = new HfCache(root);
        Path blob = writeBlob(cache);
        Path entry = cache.snapshotFile("org/name", COMMIT, "dir/model.gguf");
        cache.link(blob, entry);
        cache.link(blob, entry);
        assertEquals(Path.of("../../../blobs/" + SHA), Files.readSymbolicLink(entry));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(entry));
        assertEquals(Optional.of(SHA), cache.linkedBlobName("org/name", entry));
        assertEquals(List.of(entry.getFileName()), listNames(entry.getParent()), "no temporary file left");
    }

    @Test
    void whereSymbolicLinksFailTheEntryIsAHardLinkToItsBlob() throws IOException {
        HfCache cache = new HfCache(root, (link, target) -> {
            throw new UnsupportedOperationException("no symbolic links here");
        });
        Path blob = writeBlob(cache);
        Path entry = cache.snapshotFile("org/name", COMMIT, "model.gguf");
        cache.link(blob, entry);
        assertFalse(Files.isSymbolicLink(entry));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(entry));
        assertEquals(Optional.of(SHA), cache.linkedBlobName("org/name", entry));
    }

    @Test
    void refsMapRevisionsToCommitsAndFindCachedFiles() throws IOException {
        HfCache cache = new HfCache(root);
        HubFile file = HubFile.of("org/name", "model.gguf");
        assertEquals(Optional.empty(), cache.cachedFile(file));
        cache.link(writeBlob(cache), cache.snapshotFile("org/name", COMMIT, "model.gguf"));
        assertEquals(Optional.empty(), cache.cachedFile(file), "no ref yet");
        assertTrue(cache.cachedFile(file.atRevision(COMMIT)).isPresent(), "a commit needs no ref");

        cache.writeRef("org/name", "main", COMMIT);
        assertEquals(COMMIT, Files.readString(cache.ref("org/name", "main")));
        assertEquals(Optional.of(COMMIT), cache.commitOf("org/name", "main"));
        assertEquals(Optional.of(cache.snapshotFile("org/name", COMMIT, "model.gguf")), cache.cachedFile(file));
        assertEquals(List.of(Path.of("main")), listNames(cache.ref("org/name", "main").getParent()));

        Files.writeString(cache.ref("org/name", "main"), "../../etc");
        assertEquals(Optional.empty(), cache.commitOf("org/name", "main"), "a ref that is no commit is ignored");
    }

    @Test
    void listsTheCachedRepositories() throws IOException {
        HfCache cache = new HfCache(root);
        Files.createDirectories(cache.repoFolder("org/b"));
        Files.createDirectories(cache.repoFolder("org/a"));
        Files.createDirectories(cache.repoFolder("gpt2"));
        Files.createDirectories(root.resolve("datasets--org--x"));
        assertEquals(List.of("gpt2", "org/a", "org/b"), cache.repoIds());
    }

    private static Path writeBlob(HfCache cache) throws IOException {
        Path blob = cache.blob("org/name", SHA);
        Files.createDirectories(blob.getParent());
        return Files.write(blob, new byte[] {1, 2, 3});
    }

    private static List<Path> listNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(Path::getFileName).toList();
        }
    }
}
