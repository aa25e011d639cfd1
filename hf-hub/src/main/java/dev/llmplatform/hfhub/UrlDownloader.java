package dev.llmplatform.hfhub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Downloads a URL to a file: resumable ({@code <file>.incomplete} is continued with a Range request), under a lock
 * ({@code <file>.lock}) so that processes sharing the folder download it once, verified against a sha256 when one is
 * given (a mismatch deletes the download), and moved into place atomically. Redirects are followed; no token is sent.
 * Instances are immutable and thread-safe.
 */
public final class UrlDownloader {

    private static final Logger LOG = Logger.getLogger(UrlDownloader.class);

    private final HttpTransfer transfer;
    private final long maxFileBytes;

    /** A downloader with the default transfer settings and no size limit. */
    public UrlDownloader() {
        this(TransferSettings.DEFAULTS, Long.MAX_VALUE);
    }

    /** A downloader with the given transfer settings and size limit. */
    public UrlDownloader(TransferSettings settings, long maxFileBytes) {
        this.transfer = new HttpTransfer(HubHttp.anonymous(settings), settings);
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Makes {@code target} hold the bytes of {@code url}. A file already at {@code target} is kept when no sha256 is
     * given or when it has that sha256; otherwise it is downloaded again.
     *
     * @param sha256 the expected sha256 (hex), or empty to accept the bytes unverified
     * @return the file's sha256, lower-case hex
     * @throws HubException when the download fails or does not match
     */
    public String download(URI url, Path target, Optional<String> sha256) throws HubException, InterruptedException {
        Optional<String> expected = Sha256.normalize(sha256);
        Path partial = target.resolveSibling(target.getFileName() + ".incomplete");
        String label = HubHttp.redact(url);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (CacheLock lock = CacheLock.acquire(target.resolveSibling(target.getFileName() + ".lock"), label)) {
                Optional<String> existing = existing(target, expected);
                if (existing.isPresent()) {
                    return existing.get();
                }
                MessageDigest digest = Sha256.digest();
                try {
                    transfer.download(url, partial, digest, OptionalLong.empty(), maxFileBytes, label);
                } catch (HubException e) {
                    if (e.reason() != HubException.Reason.NETWORK && e.reason() != HubException.Reason.STORAGE) {
                        Files.deleteIfExists(partial);
                    }
                    throw e;
                }
                String actual = Sha256.hex(digest);
                if (expected.isPresent() && !expected.get().equals(actual)) {
                    Files.deleteIfExists(partial);
                    throw new HubException(HubException.Reason.CHECKSUM_MISMATCH, label + ": the download has sha256 "
                            + actual + ", but the expected sha256 is " + expected.get()
                            + "; it was refused and deleted");
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.infof("%s: saved as %s (sha256 %s%s)", label, target, actual,
                        expected.isPresent() ? ", as expected" : ", unverified");
                return actual;
            }
        } catch (HubException e) {
            throw e;
        } catch (IOException e) {
            throw new HubException(HubException.Reason.STORAGE, label + ": cannot write " + target + " (" + e + ")",
                    e);
        }
    }

    private static Optional<String> existing(Path target, Optional<String> expected) throws IOException {
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        String actual = Sha256.of(target);
        if (expected.isEmpty() || expected.get().equals(actual)) {
            return Optional.of(actual);
        }
        LOG.warnf("%s has sha256 %s, not the expected %s; downloading it again", target, actual, expected.get());
        return Optional.empty();
    }
}
