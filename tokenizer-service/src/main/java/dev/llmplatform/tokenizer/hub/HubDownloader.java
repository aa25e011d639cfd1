package dev.llmplatform.tokenizer.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Downloads a repo's tokenizer.json (required) and tokenizer_config.json (optional) from the Hub's
 * {@code <base>/<org>/<name>/resolve/<revision>/<file>} URLs into the cache layout, sending {@code HF_TOKEN} as a
 * bearer token. The commit comes from the {@code X-Repo-Commit} response header (else the revision name).
 */
public final class HubDownloader {

    /** Largest file accepted from the Hub. */
    static final long MAX_FILE_BYTES = 64L << 20;
    private static final Pattern SAFE_COMMIT = Pattern.compile("[0-9a-fA-F]{6,64}");

    private final HttpClient http;
    private final String baseUrl;
    private final Optional<String> token;
    private final Duration timeout;

    /** A downloader for the Hub at {@code baseUrl}. */
    public HubDownloader(String baseUrl, Optional<String> token, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token.filter(t -> !t.isBlank());
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(timeout)
                .build();
    }

    /**
     * Downloads the tokenizer files of {@code repoId} at {@code revision} into {@code cache}.
     *
     * @return the snapshot folder, or empty when the Hub has no tokenizer.json for the repo
     * @throws IOException on network or storage failures
     */
    public Optional<Path> download(HuggingFaceCache cache, String repoId, String revision)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> main = get(repoId, revision, "tokenizer.json");
        if (main.statusCode() == 404 || main.statusCode() == 401 || main.statusCode() == 403) {
            main.body().close();
            return Optional.empty();
        }
        if (main.statusCode() != 200) {
            main.body().close();
            throw new IOException("the Hub answered HTTP " + main.statusCode());
        }
        String commit = main.headers().firstValue("X-Repo-Commit").filter(c -> SAFE_COMMIT.matcher(c).matches())
                .orElse(revision);
        Path snapshot = Files.createDirectories(cache.repoFolder(repoId).resolve("snapshots").resolve(commit));
        store(main, snapshot.resolve("tokenizer.json"));
        HttpResponse<InputStream> config = get(repoId, commit, "tokenizer_config.json");
        if (config.statusCode() == 200) {
            store(config, snapshot.resolve("tokenizer_config.json"));
        } else {
            config.body().close();
        }
        cache.writeRef(repoId, revision, commit);
        return Optional.of(snapshot);
    }

    private HttpResponse<InputStream> get(String repoId, String revision, String file)
            throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl + "/" + repoId + "/resolve/"
                + URLEncoder.encode(revision, StandardCharsets.UTF_8) + "/" + file);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void store(HttpResponse<InputStream> response, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (body.length > MAX_FILE_BYTES) {
                throw new IOException("file larger than " + MAX_FILE_BYTES + " bytes");
            }
            Files.write(partial, body);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
