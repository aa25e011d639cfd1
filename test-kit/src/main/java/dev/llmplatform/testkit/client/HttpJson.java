package dev.llmplatform.testkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain JSON requests over HTTP/1.1: a status and a body, never an exception for an HTTP error; status -1 when no
 * answer came (the body then holds the I/O error's message).
 */
public final class HttpJson {

    /** The deadline of a request when none is given. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient client;

    /** A client of its own: HTTP/1.1, 5 s to connect. */
    public HttpJson() {
        this(newClient());
    }

    /** Uses the given client. */
    public HttpJson(HttpClient client) {
        this.client = client;
    }

    /** The kit's usual HTTP client: HTTP/1.1 (as browsers and SDKs talk to the gateway), 5 s to connect. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * A status, the raw body and the parsed body (null when not JSON).
     *
     * @param millis how long the call took
     */
    public record Reply(int status, String raw, JsonNode json, long millis) {
    }

    /** GETs a URL. */
    public Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    }

    /** POSTs a JSON body (a String is sent as it is, so malformed JSON can be sent too). */
    public Reply post(String url, Object body) {
        return post(url, body, TIMEOUT);
    }

    /** POSTs a JSON body (a String is sent as it is) with the given deadline. */
    public Reply post(String url, Object body, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    /** POSTs raw bytes as JSON. */
    public Reply postBytes(String url, byte[] body, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Sends a prepared request. */
    public Reply send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), Json.tryParse(response.body()),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Reply(-1, String.valueOf(e.getMessage()), null, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted", null, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
