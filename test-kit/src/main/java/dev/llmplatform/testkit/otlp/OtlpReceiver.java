package dev.llmplatform.testkit.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An in-process OTLP/HTTP trace receiver on 127.0.0.1: the services export to it
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT=<endpoint()>}, {@code OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf}) and a test
 * reads the spans back. Answers every export with 200 and an empty {@code ExportTraceServiceResponse}; an export it
 * cannot read is answered 400 and counted.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "otlp-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::receive);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a receiver on a free port. */
    public static OtlpReceiver start() {
        try {
            return new OtlpReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OTLP receiver", e);
        }
    }

    /** The base URL the services export to. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span received so far. */
    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace received so far. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Descriptions of the exports that could not be read. */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status = 200;
            if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                try {
                    spans.addAll(OtlpTraces.spans(body));
                } catch (IOException e) {
                    unreadable.add(exchange.getRequestURI() + ": " + e.getMessage());
                    status = 400;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
