package dev.llmplatform.bench.load;

import dev.llmplatform.testkit.await.Await;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The attacks an anonymous client can make on the platform, each sent while normal traffic runs: inputs that abort
 * or exhaust a tokenizer, template code in message contents, route spellings that dodge authentication, Hub
 * downloads by name, echoed megabytes, request smuggling, DNS rebinding, slow and idle connections, and a hung
 * inference process. For each: the answer, whether every process survived, and each service's memory before and
 * after. The connection caps are tried last, by {@link #caps()}, after the traffic: from one address they also
 * refuse the traffic's own connections.
 */
final class Attacks {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STALL_DEADLINE = Duration.ofSeconds(15);
    private final Platform platform;
    private final HttpJson http;
    private final String gateway;
    private final int port;
    private final ChatRequest chat;
    private final Traffic traffic;
    private final ResourceSampler sampler;
    private final ConnectionAttacks connections;
    private final List<Attack> attacks = new ArrayList<>();

    Attacks(Platform platform, HttpJson http, ChatRequest chat, Traffic traffic, ResourceSampler sampler) {
        this.platform = platform;
        this.http = http;
        this.gateway = platform.gateway().baseUrl();
        this.port = platform.gateway().port();
        this.chat = chat;
        this.traffic = traffic;
        this.sampler = sampler;
        this.connections = new ConnectionAttacks(http, gateway, port);
    }

    /** The attacks that normal traffic runs beside; returns every attack tried so far. */
    List<Attack> run() {
        String spaces = " ".repeat(8_000_000);
        attack("count of 8 M spaces (llama-3.1)", "200 with the count, or a JSON 4xx/503",
                () -> countOrRefused("llama-3.1", spaces));
        attack("count of 8 M spaces (qwen2.5)", "200 with the count, or a JSON 4xx/503",
                () -> countOrRefused("qwen2.5", spaces));
        attack("count of 6 M tab/space/newline mix (llama-3.1)", "200 with the count, or a JSON 4xx/503",
                () -> countOrRefused("llama-3.1", "\t \n".repeat(2_000_000)));
        attack("count of 4 M newlines (phi-3-mini)", "200 with the count, or a JSON 4xx/503",
                () -> countOrRefused("phi-3-mini", "\n".repeat(4_000_000)));
        attack("count of one 8 MB word (gpt2)", "200 with the count, or a JSON 4xx/503",
                () -> countOrRefused("gpt2", "x".repeat(8_000_000)));
        attack("4 MB /v1/tokenize (ids, pieces and offsets)", "200 or a JSON 4xx/503",
                () -> status(http.post(gateway + "/v1/tokenize", Map.of("tokenizer", "gpt2", "text",
                        "hello world ".repeat(350_000)), TIMEOUT), 200, 400, 413, 503));
        attack("tokenizer 'evil-org/backtracking-regex' (a Hub download by name)", "JSON 400/404, nothing fetched",
                () -> status(http.post(gateway + "/v1/tokenize/count", Map.of("tokenizer",
                        "evil-org/backtracking-regex", "text", "aaaa"), TIMEOUT), 400, 404));
        attack("template code in a message content (/v1/tokenizers/cost)", "200, contents counted as text",
                this::templateInjection);
        attack("route spellings around the API-key check", "400 invalid_path for each", this::routeSpellings);
        attack("7 MB model name echoed", "JSON 404, body under 1 KiB", this::echoedName);
        String trailing = "{\"model\":\"x\",\"messages\":[]}xyz";
        attack("trailing garbage after the JSON body", "400", () -> rawStatus("POST /v1/chat/completions HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + trailing.length()
                + "\r\n\r\n" + trailing, "400"));
        attack("Transfer-Encoding: xchunked", "400", () -> rawStatus("POST /v1/chat/completions HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n"
                + "2\r\n{}\r\n0\r\n\r\n", "400"));
        attack("DNS rebinding: WebSocket handshake with Host and Origin evil.example", "403",
                () -> rawStatus("GET /v1/chat/ws HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                        + "dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://evil.example\r\n\r\n", "403"));
        attack("WebSocket binary frame", "close 1003", this::binaryFrame);
        attack(ConnectionAttacks.SLOW_CONNECTIONS + " half-open requests and a body sent at one byte a second",
                "all closed by the head and body deadlines", connections::slowClients);
        attack("inference replica stopped (SIGSTOP) mid-stream", "streams end with an error event; new requests"
                + " served by the other replica", this::stalledReplica);
        return List.copyOf(attacks);
    }

    /** The per-client caps on HTTP connections and WebSockets; run with no other traffic. */
    List<Attack> caps() {
        attack("300 idle HTTP connections from one address (cap 256)", "the ones over the cap refused",
                connections::connectionCap);
        attack("40 idle WebSockets from one address (cap 32)", "at most 32 open", connections::webSocketCap);
        return List.copyOf(attacks);
    }

    private void attack(String name, String expected, Supplier<Attack.Outcome> body) {
        Map<String, Long> before = rssMib();
        long crashes = sampler.crashes();
        Attack.Outcome outcome;
        try {
            outcome = body.get();
        } catch (RuntimeException e) {
            outcome = new Attack.Outcome("client error: " + e, false);
        }
        sampler.sample();
        boolean survived = platform.all().values().stream().allMatch(ServiceProcess::isAlive)
                && sampler.crashes() == crashes;
        Attack done = new Attack(name, expected, outcome.answer(), outcome.handled(), survived, before, rssMib());
        System.out.printf("   %-70s %s%s%n", name, outcome.handled() ? "handled" : "NOT HANDLED: ",
                outcome.handled() ? "" : outcome.answer());
        attacks.add(done);
    }

    private Map<String, Long> rssMib() {
        Map<String, Long> rss = new LinkedHashMap<>();
        platform.all().forEach((role, process) -> process.rssKib().ifPresent(kib -> rss.put(role, kib / 1024)));
        return rss;
    }

    private Attack.Outcome countOrRefused(String tokenizer, String text) {
        HttpJson.Reply reply = http.post(gateway + "/v1/tokenize/count", Map.of("tokenizer", tokenizer, "text", text),
                TIMEOUT);
        if (reply.status() == 200) {
            long count = reply.json() == null ? -1 : reply.json().path("count").asLong(-1);
            return new Attack.Outcome("200, count " + count + " in " + reply.millis() + " ms", count > 0);
        }
        return status(reply, 400, 413, 503);
    }

    private Attack.Outcome templateInjection() {
        String code = "{{ range(1000000)|join }}{% for i in range(1000000) %}x{% endfor %}";
        HttpJson.Reply reply = http.post(gateway + "/v1/tokenizers/cost", Map.of("model", "qwen2.5-7b-instruct-1m", "messages",
                List.of(Map.of("role", "user", "content", code))), TIMEOUT);
        if (reply.status() != 200 || reply.json() == null) {
            return status(reply, 400);
        }
        int prompt = reply.json().path("prompt_tokens").asInt(-1);
        int template = reply.json().path("template_tokens").asInt(-1);
        boolean literal = prompt > 0 && prompt < 500 && template >= 0 && template < prompt;
        return new Attack.Outcome("200, prompt_tokens " + prompt + ", template_tokens " + template + " in "
                + reply.millis() + " ms", literal);
    }

    private Attack.Outcome routeSpellings() {
        List<String> answers = new ArrayList<>();
        boolean all = true;
        for (String path : List.of("/v1;/models", "/v1/models;x", "/v1/./models", "/v1/%2e%2e/v1/models",
                "/v1%2fmodels", "//v1/models", "/v1/tokenize;/count")) {
            HttpJson.Reply reply = http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT)
                    .GET().build());
            boolean refused = reply.status() == 400 && reply.raw().contains("invalid_path");
            all &= refused;
            answers.add(path + " " + reply.status());
        }
        return new Attack.Outcome(String.join(", ", answers), all);
    }

    private Attack.Outcome echoedName() {
        HttpJson.Reply reply = http.post(gateway + "/v1/chat/completions", Map.of("model", "m".repeat(7 << 20),
                "messages", List.of(Map.of("role", "user", "content", "hi"))), TIMEOUT);
        int size = reply.raw() == null ? 0 : reply.raw().length();
        boolean ok = (reply.status() == 404 || reply.status() == 400 || reply.status() == 413) && size < 1024
                && reply.json() != null && reply.json().has("error");
        return new Attack.Outcome(reply.status() + ", " + size + "-byte body", ok);
    }

    private Attack.Outcome rawStatus(String request, String expected) {
        RawWire.Answer answer = RawWire.send(port, request, 0);
        return new Attack.Outcome(answer.statusLine(), expected.equals(answer.status()));
    }

    private Attack.Outcome binaryFrame() {
        String code = RawWire.closeCode(port, socket -> socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true));
        return new Attack.Outcome("close " + code, code.equals("1003"));
    }

    private static Attack.Outcome status(HttpJson.Reply reply, int... expected) {
        boolean jsonError = reply.status() == 200 || (reply.json() != null && reply.json().has("error")
                && !BadInputCase.leaks(reply.raw()));
        for (int status : expected) {
            if (reply.status() == status) {
                return new Attack.Outcome(reply.status() + " in " + reply.millis() + " ms"
                        + (jsonError ? "" : ", not a clean JSON error"), jsonError);
            }
        }
        return new Attack.Outcome(reply.status() + " " + BadInputs.excerpt(reply.raw()), false);
    }

    /**
     * Stops one replica while long streams run on both: the gateway must end the streams the stopped replica was
     * serving with an explicit error once its stall deadline passes (streams it had not started fail over), and serve
     * new requests from the other replica. The replica stays stopped past the stall deadline and until every stream
     * has ended, then continues. The streams open differently, so prefix-aware routing spreads them over both.
     */
    private Attack.Outcome stalledReplica() {
        ServiceProcess victim = platform.inference().get(0);
        List<CompletableFuture<StreamResult>> streams = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int turn = i;
            Traffic longTraffic = traffic.withChat(new ChatRequest(chat.model(), "Tell me a very long story about "
                    + List.of("a dog", "the sea", "a robot", "two friends").get(i) + ".", 400, 0.8, chat.seed()),
                    TIMEOUT);
            streams.add(CompletableFuture.supplyAsync(() -> longTraffic.one(turn, new SplittableRandom(turn))));
        }
        // stopped at once: on the tiny model a 400-token answer takes well under a second
        Await.within(() -> sampler.running(0) >= 1, Duration.ofSeconds(20), Duration.ofMillis(5));
        victim.pause();
        long start = System.nanoTime();
        try {
            HttpJson.Reply fresh = http.post(gateway + "/v1/chat/completions", Drills.shortBody(chat), TIMEOUT);
            long freshMs = (System.nanoTime() - start) / 1_000_000;
            Drills.sleep(Math.max(0, STALL_DEADLINE.plusSeconds(3).toMillis() - freshMs));
            Map<String, Integer> outcomes = new TreeMap<>();
            boolean explicit = true;
            for (CompletableFuture<StreamResult> stream : streams) {
                StreamResult result = stream.get(STALL_DEADLINE.plusSeconds(60).toSeconds(), TimeUnit.SECONDS);
                outcomes.merge(result.outcome() + (result.errorClass().isEmpty() ? "" : " (" + result.errorClass()
                        + ")"), 1, Integer::sum);
                explicit &= result.outcome() == StreamResult.Outcome.COMPLETED
                        || result.outcome() == StreamResult.Outcome.FAILED;
            }
            long endedMs = (System.nanoTime() - start) / 1_000_000;
            boolean bounded = endedMs <= STALL_DEADLINE.plusSeconds(30).toMillis();
            return new Attack.Outcome("new request " + fresh.status() + " after " + freshMs + " ms; streams "
                    + outcomes + ", all ended " + endedMs + " ms after the stop", explicit && bounded
                    && fresh.status() == 200);
        } catch (Exception e) {
            return new Attack.Outcome("streams did not end: " + e, false);
        } finally {
            victim.resume();
        }
    }
}
