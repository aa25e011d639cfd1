package dev.llmplatform.bench.peer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer the chat benchmark compares with: llama.cpp's own {@code llama-server}, named by {@code LLM_PEER_SERVER}
 * as a binary (started here with the platform's model, context, slots, threads, no context shift, llama-server's
 * defaults otherwise: prompt cache on, slot prompt similarity 0.5) or as the URL of one already running (then the
 * caller is responsible for its settings). Nothing of llama.cpp is part of the project; the binary is built apart.
 */
public final class PeerServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String baseUrl;
    private final Process process;
    private final List<String> command;

    private PeerServer(String baseUrl, Process process, List<String> command) {
        this.baseUrl = baseUrl;
        this.process = process;
        this.command = command;
    }

    /**
     * The peer {@code spec} names (a URL, or a path to a llama-server binary, started with the given settings), or
     * null when {@code spec} is empty.
     *
     * @param contextPerSlot tokens of context per slot; llama-server gets contextPerSlot x slots
     * @param jinja          render chats with the model's Jinja template (a model with a template)
     */
    public static PeerServer start(String spec, Path model, int contextPerSlot, int slots, int threads,
                                   boolean jinja, Path logs) throws IOException, InterruptedException {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            String url = spec.endsWith("/") ? spec.substring(0, spec.length() - 1) : spec;
            awaitHealthy(url, null);
            return new PeerServer(url, null, List.of());
        }
        Path binary = Path.of(spec);
        if (!Files.isExecutable(binary)) {
            throw new IllegalArgumentException("LLM_PEER_SERVER: " + spec + " is neither a URL nor an executable");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-m", model.toString(),
                "-c", Integer.toString(contextPerSlot * slots), "-np", Integer.toString(slots),
                "-t", Integer.toString(threads), "-tb", Integer.toString(threads), "--no-context-shift",
                "--host", "127.0.0.1", "--port", Integer.toString(port)));
        if (jinja) {
            command.add("--jinja");
        }
        Files.createDirectories(logs);
        Path log = logs.resolve("llama-server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        String url = "http://127.0.0.1:" + port;
        try {
            awaitHealthy(url, process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new IOException("llama-server did not become healthy (log: " + log + "): " + e.getMessage(), e);
        }
        return new PeerServer(url, process, List.copyOf(command));
    }

    private static void awaitHealthy(String url, Process process) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException("exited with status " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IOException("no healthy answer from " + url + "/health within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** The peer's base URL ({@code /v1/chat/completions} is under it). */
    public String baseUrl() {
        return baseUrl;
    }

    /** The command it was started with; empty for a peer given as a URL. */
    public List<String> command() {
        return command;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
