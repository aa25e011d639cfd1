package dev.llmplatform.hfhub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resolves a file of a Hub repository to a verified local file in the Hugging Face cache, downloading it when the
 * cache does not hold it. The steps follow {@code huggingface_hub}'s {@code hf_hub_download}:
 *
 * <ol>
 * <li>Cache first, without the network: {@code refs/<revision>} → {@code snapshots/<commit>/<path>} (see
 *     {@link CacheLookup}). A revision that is a branch stays pinned to the commit its ref records until the ref is
 *     removed or another revision is asked for.</li>
 * <li>Offline ({@link HubOptions#offline()}): nothing else; a file not in the cache is an error.</li>
 * <li>A HEAD of the resolve URL ({@link HubMetadataFetcher}) gives the commit, the etag (the sha256 of an LFS file),
 *     the size and the CDN location.</li>
 * <li>What the bytes must match: the caller's sha256, else the Hub's sha256 (an LFS file), else the git blob sha1
 *     the Hub publishes as the etag of a file not stored with LFS ({@link Verification#HUB_GIT_SHA1}); a file with
 *     none of these is refused unless {@link HubOptions#allowUnverified()}. A caller's sha256 that differs from the
 *     Hub's is refused before anything is downloaded.</li>
 * <li>Under the blob's lock ({@link CacheLock}, so that replicas sharing the cache download it once): when the blob
 *     is not there yet, {@code blobs/<etag>.incomplete} is continued with a Range request (or started), hashed,
 *     compared (a mismatch deletes it), and moved atomically to {@code blobs/<etag>}; then
 *     {@code snapshots/<commit>/<path>} is linked to it and {@code refs/<revision>} records the commit.</li>
 * </ol>
 *
 * Instances are immutable and thread-safe.
 */
public final class HubFileDownloader {

    private static final Logger LOG = Logger.getLogger(HubFileDownloader.class);

    private final HubOptions options;
    private final HfCache cache;
    private final HubMetadataFetcher metadata;
    private final HttpTransfer transfer;
    private final CacheLookup lookup;

    /** A downloader for the Hub and cache the options name. */
    public HubFileDownloader(HubOptions options) {
        this(options, new HfCache(options.cacheDir()));
    }

    HubFileDownloader(HubOptions options, HfCache cache) {
        HubHttp http = new HubHttp(options.transfer(), options.token(), options.endpoint());
        this.options = options;
        this.cache = cache;
        this.metadata = new HubMetadataFetcher(http, options.endpoint(), options.token().isPresent());
        this.transfer = new HttpTransfer(http, options.transfer());
        this.lookup = new CacheLookup(cache, options.allowUnverified());
    }

    /** The cache this downloader fills. */
    public HfCache cache() {
        return cache;
    }

    /** {@link #fetch(HubFile, Optional)} verified against the sha256 the Hub publishes. */
    public HubDownload fetch(HubFile file) throws HubException, InterruptedException {
        return fetch(file, Optional.empty());
    }

    /**
     * The local copy of a file, from the cache or downloaded into it, verified.
     *
     * @param expectedSha256 the sha256 the caller recorded (hex); empty to rely on the Hub's
     * @throws HubException with a message naming the file and what failed; see {@link HubException#reason()}
     * @throws IllegalArgumentException when {@code expectedSha256} is not a sha256
     */
    public HubDownload fetch(HubFile file, Optional<String> expectedSha256) throws HubException,
            InterruptedException {
        Optional<String> expected = Sha256.normalize(expectedSha256);
        CacheLookup.Result cached = lookup.find(file, expected);
        if (cached.hit().isPresent()) {
            HubDownload hit = cached.hit().get();
            log(file, hit, "from the cache");
            return hit;
        }
        if (options.offline()) {
            throw new HubException(HubException.Reason.NOT_CACHED_OFFLINE, file + ": offline mode (HF_HUB_OFFLINE) "
                    + "and no usable copy in the cache at " + cache.root() + " (" + cached.missReason() + ")");
        }
        HubFileMetadata meta = metadata.fetch(file);
        Verification verification = verification(file, meta, expected);
        Optional<String> required = verification == Verification.EXPECTED_SHA256 ? expected : meta.sha256();
        if (meta.size().isPresent() && meta.size().getAsLong() > options.maxFileBytes()) {
            throw new HubException(HubException.Reason.TOO_LARGE, file + " has " + meta.size().getAsLong()
                    + " bytes, more than the " + options.maxFileBytes() + " bytes allowed");
        }
        Path blob = cache.blob(file.repoId(), meta.etag());
        Path entry = cache.snapshotFile(file.repoId(), meta.commit(), file.path());
        Optional<String> sha256;
        boolean present;
        try (CacheLock lock = CacheLock.acquire(cache.lockFile(file.repoId(), meta.etag()), file.toString())) {
            present = usableBlob(file, blob, meta, verification, required);
            sha256 = present ? required : Optional.of(download(file, meta, blob, verification, required));
            cache.link(blob, entry);
            cache.writeRef(file.repoId(), file.revision(), meta.commit());
        } catch (HubException e) {
            throw e;
        } catch (IOException e) {
            throw new HubException(HubException.Reason.STORAGE, file + ": cannot write the cache at " + cache.root()
                    + " (" + e + ")", e);
        }
        HubDownload result = new HubDownload(entry, meta.commit(), verification, sha256, present);
        log(file, result, present ? "blob already in the cache" : "downloaded");
        String pin = file.revisionIsCommit() ? "commit " + meta.commit()
                : "pinned revision " + file.revision() + " to commit " + meta.commit() + " in "
                + cache.ref(file.repoId(), file.revision());
        LOG.infof("%s: %s; %s links to blobs/%s", file, pin, entry, meta.etag());
        return result;
    }

    private Verification verification(HubFile file, HubFileMetadata meta, Optional<String> expected)
            throws HubException {
        if (expected.isPresent()) {
            if (meta.sha256().isPresent() && !meta.sha256().get().equals(expected.get())) {
                throw new HubException(HubException.Reason.CHECKSUM_MISMATCH, file + ": the Hub publishes sha256 "
                        + meta.sha256().get() + " for it at commit " + meta.commit() + ", but the expected sha256 is "
                        + expected.get() + "; nothing was downloaded");
            }
            return Verification.EXPECTED_SHA256;
        }
        if (meta.sha256().isPresent()) {
            return Verification.HUB_SHA256;
        }
        if (meta.gitBlobSha1().isPresent()) {
            return Verification.HUB_GIT_SHA1;
        }
        if (options.allowUnverified()) {
            return Verification.UNVERIFIED;
        }
        throw new HubException(HubException.Reason.NO_HUB_HASH, file + ": the Hub gives no hash for this file (its "
                + "etag " + meta.etag() + " is neither a sha256 nor a git blob sha1) and no sha256 was given, so it "
                + "cannot be verified");
    }

    /** Whether the blob is already there and matches; a blob that does not match is deleted. */
    private static boolean usableBlob(HubFile file, Path blob, HubFileMetadata meta, Verification verification,
                                      Optional<String> required) throws IOException {
        if (!Files.isRegularFile(blob)) {
            return false;
        }
        if (verification == Verification.HUB_GIT_SHA1) {
            if (GitBlobSha1.of(blob).equals(meta.etag())) {
                return true;
            }
            LOG.warnf("%s: the cached blob %s does not have git blob sha1 %s; downloading it again", file, blob,
                    meta.etag());
            Files.delete(blob);
            return false;
        }
        if (required.isEmpty() || required.get().equals(meta.etag()) || required.get().equals(Sha256.of(blob))) {
            return true;
        }
        LOG.warnf("%s: the cached blob %s does not have sha256 %s; downloading it again", file, blob,
                required.get());
        Files.delete(blob);
        return false;
    }

    private String download(HubFile file, HubFileMetadata meta, Path blob, Verification verification,
                            Optional<String> required) throws HubException, InterruptedException, IOException {
        Path partial = cache.incomplete(file.repoId(), meta.etag());
        Files.createDirectories(partial.getParent());
        MessageDigest digest = Sha256.digest();
        try {
            transfer.download(meta.location(), partial, digest, meta.size(), options.maxFileBytes(),
                    file.toString());
        } catch (HubException e) {
            if (e.reason() != HubException.Reason.NETWORK && e.reason() != HubException.Reason.STORAGE) {
                Files.deleteIfExists(partial);
            }
            throw e;
        }
        String actual = Sha256.hex(digest);
        if (verification == Verification.HUB_GIT_SHA1) {
            String sha1 = GitBlobSha1.of(partial);
            if (!sha1.equals(meta.etag())) {
                Files.deleteIfExists(partial);
                throw new HubException(HubException.Reason.CHECKSUM_MISMATCH, file + ": the download has git blob "
                        + "sha1 " + sha1 + ", but the Hub publishes " + meta.etag() + " (its etag); it was refused "
                        + "and deleted");
            }
        }
        if (required.isPresent() && !required.get().equals(actual)) {
            Files.deleteIfExists(partial);
            throw new HubException(HubException.Reason.CHECKSUM_MISMATCH, file + ": the download has sha256 "
                    + actual + ", but " + (verification == Verification.EXPECTED_SHA256 ? "the expected sha256 is "
                    : "the Hub publishes ") + required.get() + "; it was refused and deleted");
        }
        Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE);
        return actual;
    }

    private static void log(HubFile file, HubDownload result, String how) {
        switch (result.verification()) {
            case EXPECTED_SHA256 -> LOG.infof("%s: %s, commit %s, sha256 %s matches the expected one", file, how,
                    result.commit(), result.sha256().orElse("?"));
            case HUB_SHA256 -> LOG.infof("%s: %s, commit %s, sha256 %s matches the one the Hub publishes", file,
                    how, result.commit(), result.sha256().orElse("?"));
            case HUB_GIT_SHA1 -> LOG.infof("%s: %s, commit %s, git blob sha1 matches the one the Hub publishes "
                    + "(sha256 of the bytes: %s)", file, how, result.commit(), result.sha256().orElse("?"));
            case UNVERIFIED -> LOG.warnf("%s: %s, commit %s: UNVERIFIED, the Hub gives no hash for this file "
                    + "(sha256 of the bytes: %s); used because unverified files are allowed", file, how,
                    result.commit(), result.sha256().orElse("not computed"));
        }
    }
}
