package dev.llmplatform.testsupport;

import dev.llmplatform.hfhub.HubException;
import dev.llmplatform.hfhub.UrlDownloader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the real models and tokenizers the tests run on.
 *
 * <p>Order: the folder named by the system property {@code llm.test.assets} or the environment variable
 * {@code LLM_TEST_ASSETS} (CI points it at {@code ../shared/assets}); otherwise a download cache
 * ({@code LLM_TEST_CACHE}, default {@code ~/.cache/llm-platform/test-assets}) filled from the public sources listed
 * in {@code test-assets.tsv} with the {@code hf-hub} library's resumable URL download (verified against the listed
 * sha256 where there is one; test JVMs sharing the cache download a file once). When neither has the file, the test
 * fails with a message naming what is missing.
 */
public final class TestAssets {

    private static final Map<String, Source> SOURCES = loadSources();

    /** Where a file can be downloaded from, and its sha256 ("-": not known). */
    record Source(String url, String sha256) {
    }

    private TestAssets() {
    }

    /** The configured assets folder, or the download cache when none is configured. */
    public static Path root() {
        String configured = System.getProperty("llm.test.assets");
        if (configured == null || configured.isBlank() || configured.startsWith("${")) {
            configured = System.getenv("LLM_TEST_ASSETS");
        }
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("Test assets folder " + dir
                        + " (from llm.test.assets / LLM_TEST_ASSETS) does not exist");
            }
            return dir;
        }
        String cache = System.getenv("LLM_TEST_CACHE");
        return cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "llm-platform", "test-assets");
    }

    /**
     * A file under the assets root, downloaded into the cache first when no folder is configured.
     *
     * @param relative a path such as {@code models/stories260K.gguf}
     * @throws IllegalStateException when the file is neither configured nor downloadable
     */
    public static Path file(String relative) {
        return file(relative, root(), SOURCES);
    }

    /** {@link #file(String)} under {@code root}, with {@code sources} as the download list. */
    static Path file(String relative, Path root, Map<String, Source> sources) {
        Path path = root.resolve(relative);
        if (Files.isRegularFile(path)) {
            return path;
        }
        Source source = sources.get(relative);
        if (source == null) {
            throw new IllegalStateException("Test asset " + relative + " is missing at " + path
                    + ". Set LLM_TEST_ASSETS (or -Dllm.test.assets) to a folder laid out like ../shared/assets.");
        }
        download(source, path);
        return path;
    }

    /** A folder under the assets root (for example {@code tokenizers}); it must exist. */
    public static Path dir(String relative) {
        Path path = root().resolve(relative);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("Test asset folder " + relative + " is missing at " + path
                    + ". Set LLM_TEST_ASSETS (or -Dllm.test.assets) to a folder laid out like ../shared/assets.");
        }
        return path;
    }

    private static void download(Source source, Path target) {
        Optional<String> sha256 = "-".equals(source.sha256()) ? Optional.empty() : Optional.of(source.sha256());
        try {
            new UrlDownloader().download(URI.create(source.url()), target, sha256);
        } catch (HubException | RuntimeException e) {
            throw new IllegalStateException("Test asset " + target + " is missing and could not be downloaded from "
                    + source.url() + " (" + e.getMessage() + "). Set LLM_TEST_ASSETS to a folder laid out like "
                    + "../shared/assets.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading " + source.url(), e);
        }
    }

    private static Map<String, Source> loadSources() {
        Map<String, Source> sources = new LinkedHashMap<>();
        try (InputStream in = TestAssets.class.getResourceAsStream("/test-assets.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                sources.put(cols[0], new Source(cols[1], cols[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(sources);
    }
}
