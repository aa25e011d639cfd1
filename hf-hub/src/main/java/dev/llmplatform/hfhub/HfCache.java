package dev.llmplatform.hfhub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The Hugging Face cache layout that {@code huggingface_hub} writes and reads:
 *
 * <pre>
 * &lt;cache&gt;/models--org--name/refs/&lt;revision&gt;                 the commit the revision resolved to
 * &lt;cache&gt;/models--org--name/blobs/&lt;etag&gt;                     the bytes (etag: sha256 of an LFS file)
 * &lt;cache&gt;/models--org--name/snapshots/&lt;commit&gt;/&lt;path&gt;      relative link to ../../blobs/&lt;etag&gt;
 * &lt;cache&gt;/.locks/models--org--name/&lt;etag&gt;.lock            lock taken while a blob is written
 * </pre>
 *
 * Snapshot entries are relative symbolic links; where the file system refuses them, a hard link, else a copy.
 */
public final class HfCache {

    private static final Logger LOG = Logger.getLogger(HfCache.class);

    /** Creates a symbolic link (replaceable in tests, to exercise the fallback). */
    @FunctionalInterface
    interface Linker {
        void symlink(Path link, Path target) throws IOException;
    }

    private final Path root;
    private final Linker linker;

    /** A cache rooted at {@code root}, that is {@code $HF_HOME/hub} or {@code HF_HUB_CACHE}. */
    public HfCache(Path root) {
        this(root, (link, target) -> Files.createSymbolicLink(link, target));
    }

    HfCache(Path root, Linker linker) {
        this.root = root.toAbsolutePath().normalize();
        this.linker = linker;
    }

    /** The cache root. */
    public Path root() {
        return root;
    }

    /** The folder name of a model repository: {@code models--org--name}. */
    public static String repoFolderName(String repoId) {
        return "models--" + repoId.replace("/", "--");
    }

    /** The repository's folder. */
    public Path repoFolder(String repoId) {
        return root.resolve(repoFolderName(repoId));
    }

    /** A blob by its etag. */
    public Path blob(String repoId, String etag) {
        return repoFolder(repoId).resolve("blobs").resolve(etag);
    }

    /** The partial download of a blob, continued across tries and restarts. */
    public Path incomplete(String repoId, String etag) {
        return repoFolder(repoId).resolve("blobs").resolve(etag + ".incomplete");
    }

    /** The lock file of a blob: {@code .locks/<repo folder>/<etag>.lock}. */
    public Path lockFile(String repoId, String etag) {
        return root.resolve(".locks").resolve(repoFolderName(repoId)).resolve(etag + ".lock");
    }

    /** The ref file that maps a revision name to a commit. */
    public Path ref(String repoId, String revision) {
        return repoFolder(repoId).resolve("refs").resolve(revision);
    }

    /** A file of the snapshot of a commit. */
    public Path snapshotFile(String repoId, String commit, String path) {
        return repoFolder(repoId).resolve("snapshots").resolve(commit).resolve(path);
    }

    /** The commit a revision names: itself when it is a commit hash, else the content of its ref file. */
    public Optional<String> commitOf(String repoId, String revision) {
        if (HubFile.isCommit(revision)) {
            return Optional.of(revision);
        }
        Path ref = ref(repoId, revision);
        try {
            if (Files.isRegularFile(ref)) {
                String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
                return HubFile.isCommit(commit) ? Optional.of(commit) : Optional.empty();
            }
        } catch (IOException e) {
            LOG.debugf(e, "unreadable ref %s", ref);
        }
        return Optional.empty();
    }

    /**
     * The cached copy of a file, found as {@code huggingface_hub}'s {@code try_to_load_from_cache} finds it:
     * {@code refs/<revision>} (or the revision itself when it is a commit) gives the commit, and
     * {@code snapshots/<commit>/<path>} must be a file (a link to a blob that exists). Never touches the network.
     */
    public Optional<Path> cachedFile(HubFile file) {
        return commitOf(file.repoId(), file.revision())
                .map(commit -> snapshotFile(file.repoId(), commit, file.path()))
                .filter(Files::isRegularFile);
    }

    /**
     * The name of the blob a snapshot entry stands for: the target of a link into the repository's {@code blobs/},
     * or, for a hard link (the fallback where symbolic links fail), the blob that is the same file. In this layout a
     * blob's name is its etag, so a 64-hex name is the file's sha256.
     */
    public Optional<String> linkedBlobName(String repoId, Path snapshotEntry) {
        Path blobs = repoFolder(repoId).resolve("blobs");
        try {
            if (Files.isSymbolicLink(snapshotEntry)) {
                Path target = snapshotEntry.getParent().resolve(Files.readSymbolicLink(snapshotEntry)).normalize();
                return blobs.equals(target.getParent()) ? Optional.of(target.getFileName().toString())
                        : Optional.empty();
            }
            if (Files.isRegularFile(snapshotEntry) && Files.isDirectory(blobs)) {
                try (DirectoryStream<Path> candidates = Files.newDirectoryStream(blobs)) {
                    for (Path blob : candidates) {
                        if (Files.isRegularFile(blob) && Files.isSameFile(blob, snapshotEntry)) {
                            return Optional.of(blob.getFileName().toString());
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debugf(e, "unreadable snapshot entry %s", snapshotEntry);
        }
        return Optional.empty();
    }

    /**
     * Records that {@code revision} resolved to {@code commit}, atomically (a reader never sees half a ref); nothing
     * to do when the revision is that commit or the ref already says so.
     */
    public void writeRef(String repoId, String revision, String commit) throws IOException {
        if (revision.equals(commit) || commitOf(repoId, revision).filter(commit::equals).isPresent()) {
            return;
        }
        Path ref = ref(repoId, revision);
        Files.createDirectories(ref.getParent());
        Path tmp = ref.resolveSibling(ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            Files.move(tmp, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Points a snapshot entry at a blob with a relative symbolic link ({@code ../../blobs/<etag>} and one more
     * {@code ../} per folder of the path), replacing whatever entry was there atomically. Where symbolic links
     * fail, the entry becomes a hard link, else a copy.
     */
    public void link(Path blob, Path snapshotEntry) throws IOException {
        Path folder = Files.createDirectories(snapshotEntry.getParent());
        Path target = folder.relativize(blob);
        if (Files.isSymbolicLink(snapshotEntry) && Files.readSymbolicLink(snapshotEntry).equals(target)) {
            return;
        }
        Path tmp = folder.resolve("." + snapshotEntry.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try {
                linker.symlink(tmp, target);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debugf("no symbolic link possible at %s (%s); using a hard link or a copy", folder, e);
                placeCopy(blob, tmp);
            }
            Files.move(tmp, snapshotEntry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The ids of the model repositories in the cache, sorted (folder names are not checked further). */
    public List<String> repoIds() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, "models--*")) {
            for (Path folder : folders) {
                String[] parts = folder.getFileName().toString().substring("models--".length()).split("--");
                if (parts.length <= 2 && !parts[0].isEmpty()) {
                    ids.add(String.join("/", parts));
                }
            }
        } catch (IOException e) {
            LOG.debugf(e, "unreadable cache %s", root);
        }
        ids.sort(String::compareTo);
        return ids;
    }

    private static void placeCopy(Path blob, Path tmp) throws IOException {
        try {
            Files.createLink(tmp, blob);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
