package dev.llmplatform.hfhub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for the Hugging Face Hub, answering as the Hub does. A HEAD of
 * {@code /<repo>/resolve/<revision>/<path>} answers, for an LFS file, 302 with {@code X-Repo-Commit},
 * {@code X-Linked-Etag} (the quoted sha256), {@code X-Linked-Size} and a {@code Location} on the "CDN" (a path of
 * this server, or a second server on another port); for a plain git file, 200 with {@code ETag} (the quoted git blob
 * sha1) and {@code Content-Length}. A GET of the resolve URL redirects LFS files to the CDN and serves git files
 * itself; both honour {@code Range: bytes=N-}. Every request is recorded.
 */
public final class FakeHub implements AutoCloseable {

    /** A request the fake saw. */
    public record Request(String server, String method, String path, String range, String authorization) {
    }

    private record Entry(String commit, byte[] content, String etag, boolean lfs) {
    }

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch heads = new CountDownLatch(0);
    private volatile Optional<String> requiredToken = Optional.empty();

    private FakeHub(boolean separateCdn) throws IOException {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.setExecutor(executor);
        hub.createContext("/", exchange -> handle("hub", exchange));
        hub.start();
        if (separateCdn) {
            cdn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            cdn.setExecutor(executor);
            cdn.createContext("/", exchange -> handle("cdn", exchange));
            cdn.start();
        } else {
            cdn = hub;
        }
    }

    /** A fake Hub whose CDN is a path of the same server. */
    public static FakeHub start() throws IOException {
        return new FakeHub(false);
    }

    /** A fake Hub whose CDN is a second server on another port (another origin). */
    public static FakeHub startWithSeparateCdn() throws IOException {
        return new FakeHub(true);
    }

    /** The Hub's base URL, for {@code HF_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    /** Serves an LFS file, publishing its true sha256. */
    public FakeHub lfsFile(String repo, String revision, String path, String commit, byte[] content) {
        return lfsFile(repo, revision, path, commit, content, sha256(content));
    }

    /** Serves an LFS file, publishing {@code publishedSha256} as its sha256 (true or not). */
    public FakeHub lfsFile(String repo, String revision, String path, String commit, byte[] content,
                           String publishedSha256) {
        files.put(resolvePath(repo, revision, path), new Entry(commit, content, publishedSha256, true));
        blobs.put(publishedSha256, content);
        return this;
    }

    /** Serves a plain (non-LFS) git file: its etag is the git blob sha1, so the Hub publishes no sha256. */
    public FakeHub gitFile(String repo, String revision, String path, String commit, byte[] content) {
        files.put(resolvePath(repo, revision, path), new Entry(commit, content, gitBlobSha1(content), false));
        return this;
    }

    /**
     * Serves a plain (non-LFS) git file under the etag {@code publishedEtag} (true or not, a git blob sha1 or not),
     * as a Hub that publishes a wrong hash, or none, would.
     */
    public FakeHub gitFile(String repo, String revision, String path, String commit, byte[] content,
                           String publishedEtag) {
        files.put(resolvePath(repo, revision, path), new Entry(commit, content, publishedEtag, false));
        return this;
    }

    /** Answers 401 to requests without {@code Bearer <token>} from now on. */
    public FakeHub requireToken(String token) {
        requiredToken = Optional.of(token);
        return this;
    }

    /** Holds every download (GET with a body) until {@code count} HEADs have arrived, so replicas overlap. */
    public FakeHub holdDownloadsUntilHeads(int count) {
        heads = new CountDownLatch(count);
        return this;
    }

    /** Every request so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests with that method reached that server ("hub" or "cdn"). */
    public long count(String server, String method) {
        return requests.stream().filter(r -> r.server().equals(server) && r.method().equals(method)).count();
    }

    /** How many GETs that sent file bytes (on either server). */
    public long bodyDownloads() {
        return requests.stream().filter(r -> r.method().equals("GET") && r.path().startsWith("body:")).count();
    }

    /** Stops both servers. */
    @Override
    public void close() {
        hub.stop(0);
        if (cdn != hub) {
            cdn.stop(0);
        }
        executor.shutdownNow();
    }

    /** The sha256 of some bytes, lower-case hex. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(String server, HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String range = exchange.getRequestHeaders().getFirst("Range");
        try (exchange) {
            if (requiredToken.isPresent() && server.equals("hub")
                    && !("Bearer " + requiredToken.get()).equals(auth)) {
                requests.add(new Request(server, method, path, range, auth));
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (path.startsWith("/cdn/") && blobs.containsKey(path.substring(5))) {
                requests.add(new Request(server, method, "body:" + path, range, auth));
                serve(exchange, blobs.get(path.substring(5)), range, method);
                return;
            }
            Entry entry = files.get(path);
            if (entry == null) {
                requests.add(new Request(server, method, path, range, auth));
                exchange.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("X-Repo-Commit", entry.commit());
            if (entry.lfs()) {
                requests.add(new Request(server, method, path, range, auth));
                exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + entry.etag() + "\"");
                exchange.getResponseHeaders().add("X-Linked-Size", Integer.toString(entry.content().length));
                exchange.getResponseHeaders().add("ETag", "\"" + gitBlobSha1(new byte[] {1}) + "\"");
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + cdn.getAddress().getPort()
                        + "/cdn/" + entry.etag() + "?X-Amz-Signature=signed");
                countHead(method);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"" + entry.etag() + "\"");
            if (method.equals("HEAD")) {
                requests.add(new Request(server, method, path, range, auth));
                exchange.getResponseHeaders().add("Content-Length", Integer.toString(entry.content().length));
                countHead(method);
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            requests.add(new Request(server, method, "body:" + path, range, auth));
            serve(exchange, entry.content(), range, method);
        }
    }

    private void countHead(String method) {
        if (method.equals("HEAD")) {
            heads.countDown();
        }
    }

    private void serve(HttpExchange exchange, byte[] content, String range, String method) throws IOException {
        if (method.equals("GET")) {
            try {
                heads.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int from = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        }
        if (from > 0 && from >= content.length) {
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        if (from > 0) {
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/"
                    + content.length);
        }
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, content.length - from == 0 ? -1 : content.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content, from, content.length - from);
        }
    }

    private static String resolvePath(String repo, String revision, String path) {
        return "/" + repo + "/resolve/" + revision + "/" + path;
    }

    /** The git blob sha1 of some bytes ({@code sha1("blob " + size + "\0" + bytes)}), lower-case hex. */
    public static String gitBlobSha1(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
