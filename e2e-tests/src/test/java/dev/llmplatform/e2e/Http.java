package dev.llmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client for the gateway: JSON posts and server-sent events read byte by byte. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A status and a parsed JSON body (null when the body is not JSON). */
    record Reply(int status, JsonNode body, String raw) {
    }

    /** One server-sent event's data payload, with whether its bytes were valid UTF-8. */
    record Event(String data, boolean validUtf8) {
    }

    private Http() {
    }

    static Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Reply post(String url, Object body) {
        return postRaw(url, json(body));
    }

    static Reply postRaw(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs and reads every server-sent event up to and including {@code [DONE]}. */
    static List<Event> sse(String url, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build();
        try {
            HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("SSE request answered " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            List<Event> events = new ArrayList<>();
            try (InputStream in = response.body()) {
                for (byte[] line; (line = readLine(in)) != null; ) {
                    String text = new String(line, StandardCharsets.UTF_8);
                    if (text.startsWith("data:")) {
                        Event event = new Event(text.substring(5).strip(), isValidUtf8(line));
                        events.add(event);
                        if (event.data().equals("[DONE]")) {
                            break;
                        }
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The content text of OpenAI chat-completion chunks, concatenated. */
    static String chatText(List<Event> events) {
        StringBuilder text = new StringBuilder();
        for (Event event : events) {
            if (event.data().equals("[DONE]")) {
                continue;
            }
            JsonNode chunk = parse(event.data());
            for (JsonNode choice : chunk.path("choices")) {
                text.append(choice.path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Reads one LF-terminated line (without CR/LF) as bytes; null at end of stream. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        return n > 0 && bytes[n - 1] == '\r' ? java.util.Arrays.copyOf(bytes, n - 1) : bytes;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
            return new Reply(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
