package dev.llmplatform.bench.memory;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The memory baseline: a bare JVM whose only work is the JDK's HTTP server answering {@code /q/health/ready} on
 * 127.0.0.1 at {@code -Dquarkus.http.port}, started the way the services are. Runs until it is terminated.
 */
public final class IdleJvm {

    /** System property that makes {@code bench.jar} run this instead of a suite. */
    public static final String PROPERTY = "bench.idle-jvm";

    private IdleJvm() {
    }

    /** Serves until killed. */
    public static void serve() throws IOException, InterruptedException {
        int port = Integer.getInteger("quarkus.http.port", 0);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        new CountDownLatch(1).await();
    }
}
