package dev.llmplatform.hfhub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Hub and the cache are, and what a {@link HubFileDownloader} may do.
 *
 * @param endpoint        base URL of the Hub ({@code HF_ENDPOINT}, default {@code https://huggingface.co}); a mirror
 *                        or a test server works the same way
 * @param token           access token ({@code HF_TOKEN}), sent as a bearer token to the endpoint's host only
 * @param cacheDir        the hub cache folder ({@code HF_HUB_CACHE}, else {@code $HF_HOME/hub})
 * @param offline         never touch the network, serve only what the cache holds ({@code HF_HUB_OFFLINE})
 * @param allowUnverified also accept files the Hub publishes no sha256 for (non-LFS files) when the caller gives
 *                        none; they are logged as unverified
 * @param maxFileBytes    largest file accepted
 * @param transfer        timeouts, retries and progress logging
 */
public record HubOptions(URI endpoint, Optional<String> token, Path cacheDir, boolean offline,
                         boolean allowUnverified, long maxFileBytes, TransferSettings transfer) {

    /** The Hub's public endpoint. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    /** Checks the values; drops a trailing slash of the endpoint and a blank token. */
    public HubOptions {
        endpoint = normalize(endpoint);
        token = token == null ? Optional.empty() : token.map(String::strip).filter(t -> !t.isEmpty());
        if (cacheDir == null) {
            throw new IllegalArgumentException("cacheDir is required");
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive");
        }
        if (transfer == null) {
            throw new IllegalArgumentException("transfer settings are required");
        }
    }

    /** The public Hub, no token, online, verified files only, no size limit, default transfer settings. */
    public static HubOptions of(Path cacheDir) {
        return new HubOptions(URI.create(DEFAULT_ENDPOINT), Optional.empty(), cacheDir, false, false, Long.MAX_VALUE,
                TransferSettings.DEFAULTS);
    }

    /**
     * Options from the variables {@code huggingface_hub} reads: {@code HF_ENDPOINT}, {@code HF_TOKEN},
     * {@code HF_HUB_CACHE} (else {@code $HF_HOME/hub}, {@code HF_HOME} defaulting to {@code ~/.cache/huggingface}),
     * {@code HF_HUB_OFFLINE} and {@code HF_HUB_DOWNLOAD_TIMEOUT} (seconds).
     *
     * @param env usually {@code System.getenv()}
     */
    public static HubOptions fromEnvironment(Map<String, String> env) {
        HubOptions options = of(cacheDirFromEnvironment(env)).withOffline(isOffline(env));
        Optional<String> endpoint = value(env, "HF_ENDPOINT");
        if (endpoint.isPresent()) {
            options = options.withEndpoint(endpoint.get());
        }
        options = options.withToken(value(env, "HF_TOKEN"));
        Optional<String> timeout = value(env, "HF_HUB_DOWNLOAD_TIMEOUT");
        if (timeout.isPresent()) {
            long seconds;
            try {
                seconds = Long.parseLong(timeout.get().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("HF_HUB_DOWNLOAD_TIMEOUT must be a number of seconds, not \""
                        + timeout.get() + "\"", e);
            }
            options = options.withTransfer(options.transfer().withReadTimeout(Duration.ofSeconds(seconds)));
        }
        return options;
    }

    /** The hub cache folder the environment names: {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}. */
    public static Path cacheDirFromEnvironment(Map<String, String> env) {
        Optional<String> hubCache = value(env, "HF_HUB_CACHE");
        if (hubCache.isPresent()) {
            return Path.of(hubCache.get());
        }
        return value(env, "HF_HOME").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "huggingface")).resolve("hub");
    }

    /** Whether {@code HF_HUB_OFFLINE} is set to 1, true, yes or on (as {@code huggingface_hub} reads it). */
    public static boolean isOffline(Map<String, String> env) {
        return value(env, "HF_HUB_OFFLINE").map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter(v -> v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on")).isPresent();
    }

    /** These options with another endpoint. */
    public HubOptions withEndpoint(String url) {
        return new HubOptions(URI.create(url), token, cacheDir, offline, allowUnverified, maxFileBytes, transfer);
    }

    /** These options with another token (empty: none). */
    public HubOptions withToken(Optional<String> value) {
        return new HubOptions(endpoint, value, cacheDir, offline, allowUnverified, maxFileBytes, transfer);
    }

    /** These options, offline or not. */
    public HubOptions withOffline(boolean value) {
        return new HubOptions(endpoint, token, cacheDir, value, allowUnverified, maxFileBytes, transfer);
    }

    /** These options, accepting files without a Hub sha256 or not. */
    public HubOptions withAllowUnverified(boolean value) {
        return new HubOptions(endpoint, token, cacheDir, offline, value, maxFileBytes, transfer);
    }

    /** These options with another size limit. */
    public HubOptions withMaxFileBytes(long value) {
        return new HubOptions(endpoint, token, cacheDir, offline, allowUnverified, value, transfer);
    }

    /** These options with other transfer settings. */
    public HubOptions withTransfer(TransferSettings value) {
        return new HubOptions(endpoint, token, cacheDir, offline, allowUnverified, maxFileBytes, value);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "HubOptions[endpoint=" + endpoint + ", token=" + (token.isPresent() ? "(set)" : "(none)")
                + ", cacheDir=" + cacheDir + ", offline=" + offline + ", allowUnverified=" + allowUnverified
                + ", maxFileBytes=" + maxFileBytes + ", transfer=" + transfer + "]";
    }

    private static URI normalize(URI endpoint) {
        if (endpoint == null || endpoint.getHost() == null
                || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))
                || endpoint.getRawQuery() != null || endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the Hub endpoint must be an http(s) URL with a host and no query or "
                    + "credentials, not " + endpoint);
        }
        String text = endpoint.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
