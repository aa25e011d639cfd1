package dev.llmplatform.testkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams an OpenAI chat completion from the gateway over server-sent events, reading the stream byte by byte and
 * timing it from the client side: the text, whether each {@code data:} line was well-formed UTF-8, how it ended.
 */
public final class SseChat {

    private static final int MAX_LINE_BYTES = 1 << 20;
    private final HttpClient client;
    private final URI uri;

    /** A client of {@code <gatewayBaseUrl>/v1/chat/completions} with an HTTP client of its own. */
    public SseChat(String gatewayBaseUrl) {
        this(HttpJson.newClient(), gatewayBaseUrl);
    }

    /** A client of {@code <gatewayBaseUrl>/v1/chat/completions}. */
    public SseChat(HttpClient client, String gatewayBaseUrl) {
        this.client = client;
        this.uri = URI.create(gatewayBaseUrl + "/v1/chat/completions");
    }

    /**
     * Streams one chat, asking for the usage report at the end ({@code stream_options.include_usage}).
     *
     * @param cancelAfterChunks close the connection after this many content chunks; negative to read to the end
     * @param timeout           the whole stream's deadline; past it the result is HUNG
     */
    public StreamResult stream(ChatRequest chat, int cancelAfterChunks, Duration timeout) {
        Map<String, Object> body = chat.openAiBody();
        body.put("stream_options", Map.of("include_usage", true));
        return stream(body, cancelAfterChunks, timeout);
    }

    /**
     * Streams a chat-completions body as given, with {@code stream: true} added.
     *
     * @param cancelAfterChunks close the connection after this many content chunks; negative to read to the end
     * @param timeout           the whole stream's deadline; past it the result is HUNG
     */
    public StreamResult stream(Map<String, ?> chatBody, int cancelAfterChunks, Duration timeout) {
        return stream(chatBody, cancelAfterChunks, timeout, usage -> { });
    }

    /**
     * Streams a chat-completions body as given, with {@code stream: true} added, and hands the stream's {@code usage}
     * object (sent when the body asks for it with {@code stream_options.include_usage}) to {@code onUsage}.
     *
     * @param cancelAfterChunks close the connection after this many content chunks; negative to read to the end
     * @param timeout           the whole stream's deadline; past it the result is HUNG
     */
    public StreamResult stream(Map<String, ?> chatBody, int cancelAfterChunks, Duration timeout,
            Consumer<JsonNode> onUsage) {
        Map<String, Object> body = new LinkedHashMap<>(chatBody);
        body.put("stream", true);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return StreamResult.failed("HTTP connect/IO error", System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StreamResult.failed("interrupted", System.nanoTime() - start);
        }
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                in.readNBytes(64 * 1024);
            } catch (IOException e) {
                // The status is what counts.
            }
            return StreamResult.failed("HTTP " + response.statusCode(), System.nanoTime() - start);
        }
        long left = Math.max(1, timeout.toNanos() - (System.nanoTime() - start));
        try (InputStream in = response.body(); Deadline deadline = Deadline.arm(in, Duration.ofNanos(left))) {
            return read(new BufferedInputStream(in), start, cancelAfterChunks, deadline, onUsage);
        } catch (IOException e) {
            return StreamResult.failed("SSE read error", System.nanoTime() - start);
        }
    }

    private static StreamResult read(InputStream in, long start, int cancelAfterChunks, Deadline deadline,
            Consumer<JsonNode> onUsage) {
        StringBuilder text = new StringBuilder();
        long ttft = -1;
        int chunks = 0;
        int invalid = 0;
        int usageTokens = -1;
        String finish = "";
        try {
            for (byte[] line; (line = readLine(in)) != null; ) {
                if (line.length < 5 || !new String(line, 0, 5, StandardCharsets.US_ASCII).equals("data:")) {
                    continue;
                }
                if (!Utf8.isValid(line)) {
                    invalid++;
                }
                String data = new String(line, 5, line.length - 5, StandardCharsets.UTF_8).strip();
                if (data.equals("[DONE]")) {
                    int tokens = usageTokens >= 0 ? usageTokens : chunks;
                    return new StreamResult(StreamResult.Outcome.COMPLETED, "", ttft, System.nanoTime() - start,
                            tokens, text.toString(), invalid, finish);
                }
                JsonNode event = Json.tryParse(data);
                if (event == null) {
                    return result(StreamResult.Outcome.FAILED, "SSE non-JSON event", start, ttft, chunks, text,
                            invalid);
                }
                if (event.has("error")) {
                    return result(StreamResult.Outcome.FAILED, "SSE error event "
                            + event.path("error").path("type").asText("?"), start, ttft, chunks, text, invalid);
                }
                if (event.path("usage").has("completion_tokens")) {
                    onUsage.accept(event.path("usage"));
                    usageTokens = event.path("usage").path("completion_tokens").asInt();
                }
                for (JsonNode choice : event.path("choices")) {
                    String piece = choice.path("delta").path("content").asText("");
                    if (!piece.isEmpty()) {
                        if (ttft < 0) {
                            ttft = System.nanoTime() - start;
                        }
                        text.append(piece);
                        chunks++;
                    }
                    if (!choice.path("finish_reason").isNull() && choice.has("finish_reason")) {
                        finish = choice.path("finish_reason").asText();
                    }
                }
                if (cancelAfterChunks >= 0 && chunks >= cancelAfterChunks) {
                    return result(StreamResult.Outcome.CANCELLED, "", start, ttft, chunks, text, invalid);
                }
            }
            return result(StreamResult.Outcome.TRUNCATED, "SSE ended without [DONE] or error event", start, ttft,
                    chunks, text, invalid);
        } catch (IOException e) {
            return deadline.fired()
                    ? result(StreamResult.Outcome.HUNG, "SSE deadline", start, ttft, chunks, text, invalid)
                    : result(StreamResult.Outcome.TRUNCATED, "SSE connection reset", start, ttft, chunks, text,
                            invalid);
        }
    }

    private static StreamResult result(StreamResult.Outcome outcome, String errorClass, long start, long ttft,
            int chunks, StringBuilder text, int invalid) {
        return new StreamResult(outcome, errorClass, ttft, System.nanoTime() - start, chunks, text.toString(),
                invalid, "");
    }

    /**
     * Reads one LF-terminated line without CR/LF as bytes; null at the end of the stream. Lines are capped at 1 MiB.
     */
    public static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("SSE line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        return n > 0 && bytes[n - 1] == '\r' ? Arrays.copyOf(bytes, n - 1) : bytes;
    }
}
