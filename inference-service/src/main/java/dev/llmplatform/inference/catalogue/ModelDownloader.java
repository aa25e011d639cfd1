package dev.llmplatform.inference.catalogue;

import dev.llmplatform.inference.model.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fetches a catalogue entry's GGUF file into the Hugging Face cache and verifies it before anything loads it.
 *
 * <p>An entry without a recorded sha256 is refused unless unverified loading is allowed. A cached blob named by
 * the expected sha256 is used as it is (it was verified when stored). Otherwise the file is downloaded to a
 * {@code .incomplete} file, resumed with an HTTP Range request when one is left from an earlier try, logged as it
 * progresses, hashed, compared with the expected sha256 (a mismatch deletes it and refuses), moved to
 * {@code blobs/<sha256>} and linked from {@code snapshots/<commit>/<file>}. {@code HF_TOKEN} is sent as a bearer
 * token.
 */
public final class ModelDownloader {

    private static final Logger LOG = Logger.getLogger(ModelDownloader.class);
    private static final long LOG_EVERY_BYTES = 256L << 20;

    private final String baseUrl;
    private final HfCacheLayout cache;
    private final Optional<String> token;
    private final boolean allowUnverified;
    private final HttpClient http;

    /** A downloader for a Hub (or a mirror, or a test server) at {@code baseUrl}. */
    public ModelDownloader(String baseUrl, Path hfHome, Optional<String> token, boolean allowUnverified) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.cache = new HfCacheLayout(hfHome);
        this.token = token.filter(t -> !t.isBlank());
        this.allowUnverified = allowUnverified;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** The local path of the entry's file, downloading and verifying it when needed. */
    public Path fetch(CatalogueEntry entry) throws ModelLoadException {
        String expected = entry.sha256();
        if (expected.isEmpty() && !allowUnverified) {
            throw new ModelLoadException("catalogue entry " + entry.id() + " has no recorded sha256, so its file "
                    + "cannot be verified; record the sha256 in catalogue.json, or set LLM_ALLOW_UNVERIFIED=true");
        }
        if (!expected.isEmpty() && Files.isRegularFile(cache.blob(entry.hfRepo(), expected))) {
            LOG.infof("%s: using verified cached blob %s", entry.id(), expected);
            return link(entry, expected, readRef(entry));
        }
        try {
            Files.createDirectories(cache.repoDir(entry.hfRepo()).resolve("blobs"));
            Path partial = cache.partial(entry.hfRepo(), expected.isEmpty() ? "unverified-" + entry.id() : expected);
            String commit = download(entry, partial);
            String actual = sha256(partial);
            if (!expected.isEmpty() && !expected.equals(actual)) {
                Files.deleteIfExists(partial);
                throw new ModelLoadException("download of " + entry.hfRepo() + "/" + entry.hfFile() + " has sha256 "
                        + actual + " but the catalogue expects " + expected + "; the file was deleted");
            }
            if (expected.isEmpty()) {
                LOG.warnf("%s: loading an UNVERIFIED file (sha256 %s); record it in catalogue.json", entry.id(),
                        actual);
            }
            Files.move(partial, cache.blob(entry.hfRepo(), actual), StandardCopyOption.REPLACE_EXISTING);
            if (commit != null) {
                Files.createDirectories(cache.ref(entry.hfRepo(), entry.revision()).getParent());
                Files.writeString(cache.ref(entry.hfRepo(), entry.revision()), commit);
            }
            return link(entry, actual, commit);
        } catch (IOException e) {
            throw new ModelLoadException("download of " + entry.hfRepo() + "/" + entry.hfFile() + " failed: "
                    + e.getMessage() + " (it resumes on the next start)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("download of " + entry.id() + " was interrupted", e);
        }
    }

    private String download(CatalogueEntry entry, Path partial) throws IOException, InterruptedException,
            ModelLoadException {
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        URI uri = URI.create(baseUrl + "/" + entry.hfRepo() + "/resolve/" + entry.revision() + "/" + entry.hfFile());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofHours(6)).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        boolean resumed = status == 206;
        if (status != 200 && status != 206) {
            response.body().close();
            throw new ModelLoadException("download of " + entry.hfRepo() + "/" + entry.hfFile() + " answered HTTP "
                    + status + (status == 401 || status == 403 ? " (set HF_TOKEN for gated models)" : ""));
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1) + (resumed ? have : 0);
        LOG.infof("%s: downloading %s%s, %s bytes", entry.id(), uri, resumed ? " (resuming at " + have + ")" : "",
                total < 0 ? "unknown" : Long.toString(total));
        long written = resumed ? have : 0;
        long nextLog = written + LOG_EVERY_BYTES;
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                written += n;
                if (written >= nextLog) {
                    LOG.infof("%s: %d MiB of %s", entry.id(), written >> 20, total < 0 ? "?" : (total >> 20) + " MiB");
                    nextLog += LOG_EVERY_BYTES;
                }
            }
        }
        LOG.infof("%s: downloaded %d bytes", entry.id(), written);
        return response.headers().firstValue("X-Repo-Commit").filter(c -> c.matches("[0-9a-f]{40}")).orElse(null);
    }

    private String readRef(CatalogueEntry entry) {
        try {
            Path ref = cache.ref(entry.hfRepo(), entry.revision());
            if (Files.isRegularFile(ref)) {
                String commit = Files.readString(ref).trim();
                return commit.matches("[0-9a-f]{40}") ? commit : null;
            }
        } catch (IOException e) {
            LOG.debug("unreadable ref", e);
        }
        return null;
    }

    private Path link(CatalogueEntry entry, String sha256, String commit) throws ModelLoadException {
        Path blob = cache.blob(entry.hfRepo(), sha256);
        Path snapshot = cache.snapshotFile(entry.hfRepo(), commit != null ? commit : entry.revision(), entry.hfFile());
        try {
            Files.createDirectories(snapshot.getParent());
            if (!Files.exists(snapshot)) {
                try {
                    Files.createSymbolicLink(snapshot, snapshot.getParent().relativize(blob));
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(blob, snapshot);
                }
            }
            return snapshot;
        } catch (IOException e) {
            throw new ModelLoadException("could not place " + entry.hfFile() + " in the cache: " + e.getMessage(), e);
        }
    }

    /** The sha256 of a file in lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
