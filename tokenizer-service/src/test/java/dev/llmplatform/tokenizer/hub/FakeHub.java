package dev.llmplatform.tokenizer.hub;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Hugging Face Hub on a local port: it serves {@code /<repo>/resolve/<revision>/tokenizer.json}
 * for the repos it was given (404 for anything else) and records every request with its Authorization header.
 */
public final class FakeHub implements AutoCloseable {

    /** The commit the fake Hub reports in {@code X-Repo-Commit}. */
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** A fake Hub serving {@code tokenizerJsonByRepo} (repo id to the bytes of its tokenizer.json). */
    public FakeHub(Map<String, byte[]> tokenizerJsonByRepo) {
        tokenizerJsonByRepo.forEach((repo, json) -> files.put("/" + repo + "/resolve/main/tokenizer.json", json));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add("X-Repo-Commit", COMMIT);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A downloader for this Hub, sending {@code token}. */
    public HubDownloader downloader(Optional<String> token) {
        return new HubDownloader(baseUrl(), token, Duration.ofSeconds(10));
    }

    /** Every request so far: path, a space, the Authorization header (or "null"). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Requests for the tokenizer.json of {@code repoId} so far. */
    public long requestsFor(String repoId) {
        return requests.stream().filter(r -> r.startsWith("/" + repoId + "/resolve/main/tokenizer.json ")).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
