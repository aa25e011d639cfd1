package dev.llmplatform.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain JSON requests to the gateway: a status and a body, never an exception for an HTTP error. */
public final class HttpJson {

    private final HttpClient client;

    /** Uses the given client. */
    public HttpJson(HttpClient client) {
        this.client = client;
    }

    /**
     * A status, the raw body and the parsed body (null when not JSON); status -1 when no answer came.
     *
     * @param millis how long the call took
     */
    public record Reply(int status, String raw, JsonNode json, long millis) {
    }

    /** POSTs a JSON body (a String is sent as it is). */
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
