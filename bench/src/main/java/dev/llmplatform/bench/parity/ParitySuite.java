package dev.llmplatform.bench.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.peer.PeerServer;
import dev.llmplatform.bench.platform.ModelChoice;
import dev.llmplatform.bench.platform.PlatformConfig;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.platform.Platform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suite {@code parity}: the platform's {@code /v1/completions} against llama-server's on the same model, prompt by
 * prompt, greedy and seeded, non-streamed and streamed: the texts must be byte-identical. Both keep prompts in their
 * slots (the platform's prompt cache, llama-server's {@code cache_prompt}); {@code --prompt-cache off} runs the
 * platform without, and sends llama-server {@code cache_prompt: false} unless {@code --peer-cache on} (a prompt
 * evaluated after a reused prefix can give logits that differ in the last bits, so each side's cache state can flip
 * a near-tie). Needs {@code LLM_PEER_SERVER} (or {@code --peer}). Exit status 1 when a case differs.
 */
public final class ParitySuite {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> PROMPTS = List.of("Once upon a time", "The little dog", "Lily and Ben",
            "One day, a big", "Tom had a red ball. He", "The sun was hot and", "In the park there was",
            "Mom said: \"Go to bed.\"", "Sara liked to draw. She drew", "The cat and the bird were friends.",
            "It was a cold night", "Ben wanted to fly", "Once upon a time, there was a little girl",
            "Once upon a time, there was a little boy", "The tree was very tall", "A fish swam in the", "Why");

    private ParitySuite() {
    }

    /** Runs the suite; returns the exit status. */
    public static int run(Options options) {
        ModelChoice model = ModelChoice.resolve(options.string("model", "stories260k"));
        int tokens = options.integer("tokens", 32, 1, 1024);
        int slots = options.integer("slots", 2, 1, 16);
        int threads = options.integer("threads", 1, 1, 64);
        boolean promptCache = !"off".equals(options.string("prompt-cache", "on"));
        boolean peerCache = !"off".equals(options.string("peer-cache", promptCache ? "on" : "off"));
        String peerSpec = options.string("peer", System.getenv().getOrDefault("LLM_PEER_SERVER", ""));
        Path logs = Path.of(options.string("logs", "bench/target/bench-logs"));
        options.rejectUnknown();
        if (peerSpec.isBlank()) {
            throw new IllegalArgumentException("parity needs a llama-server: set LLM_PEER_SERVER or --peer");
        }
        int context = Math.min(model.maxContext(), 512);
        PlatformConfig config = new PlatformConfig(model.path(), model.servedName(), 1, threads, slots, context, logs);
        HttpClient http = HttpJson.newClient();
        int cases = 0;
        int differing = 0;
        try (Platform platform = Platform.start(config.spec(Map.of("LLM_PROMPT_CACHE", Boolean.toString(promptCache))));
                PeerServer peer = PeerServer.start(peerSpec, model.path(), context, slots, threads, false, logs)) {
            System.out.printf("parity: %s, %d tokens, %d slots, prompt cache %s, peer's cache_prompt %s; peer %s%n",
                    model.servedName(), tokens, slots, promptCache ? "on" : "off", peerCache, String.join(" ",
                    peer.command()));
            for (boolean stream : new boolean[] {false, true}) {
                for (double temperature : new double[] {0.0, 0.8}) {
                    for (String prompt : PROMPTS) {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("model", model.servedName());
                        body.put("prompt", prompt);
                        body.put("max_tokens", tokens);
                        body.put("temperature", temperature);
                        body.put("seed", 42);
                        String ours = complete(http, platform.gateway().baseUrl(), body, stream);
                        Map<String, Object> peerBody = new LinkedHashMap<>(body);
                        peerBody.put("cache_prompt", peerCache);
                        String theirs = complete(http, peer.baseUrl(), peerBody, stream);
                        cases++;
                        if (!ours.equals(theirs)) {
                            differing++;
                            System.out.printf("DIFFERS (%s, temperature %.1f) %s%n  platform:     %s%n"
                                    + "  llama-server: %s%n", stream ? "streamed" : "non-streamed", temperature,
                                    Json.write(prompt), Json.write(ours), Json.write(theirs));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        System.out.printf("parity: %d of %d cases byte-identical%n", cases - differing, cases);
        return differing == 0 ? 0 : 1;
    }

    /** The text of one completion, joined from the stream's events when streamed. */
    static String complete(HttpClient http, String baseUrl, Map<String, Object> body, boolean stream)
            throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>(body);
        request.put("stream", stream);
        HttpRequest post = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/completions")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))).build();
        HttpResponse<InputStream> response = http.send(post, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = new BufferedInputStream(response.body())) {
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode() + ": " + new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (!stream) {
                JsonNode json = Json.tryParse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return json == null ? "not JSON" : json.path("choices").path(0).path("text").asText();
            }
            StringBuilder text = new StringBuilder();
            for (byte[] line; (line = SseChat.readLine(in)) != null; ) {
                String data = new String(line, StandardCharsets.UTF_8);
                if (!data.startsWith("data:")) {
                    continue;
                }
                data = data.substring(5).strip();
                if (data.equals("[DONE]")) {
                    break;
                }
                JsonNode event = Json.tryParse(data);
                if (event != null) {
                    text.append(event.path("choices").path(0).path("text").asText(""));
                }
            }
            return text.toString();
        }
    }
}
