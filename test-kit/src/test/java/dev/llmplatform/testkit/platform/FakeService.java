package dev.llmplatform.testkit.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a packaged service, run from a jar of its own by {@link ServiceProcessTest}: serves
 * {@code /q/health/ready} on {@code -Dquarkus.http.port} (200, or 503 with {@code -Dfake.ready=false}), prints what
 * it was started with, and prints a line when it shuts down. With {@code -Dfake.exit=N} it exits at once with N.
 * Uses nothing but the JDK, so that its class file alone runs.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.getInteger("quarkus.http.port", 0);
        System.out.println("fake service: port=" + port + " property=" + System.getProperty("fake.greeting")
                + " env=" + System.getenv("FAKE_ENV"));
        Integer exit = Integer.getInteger("fake.exit");
        if (exit != null) {
            System.out.println("fake service: giving up with " + exit);
            System.exit(exit);
        }
        int status = Boolean.parseBoolean(System.getProperty("fake.ready", "true")) ? 200 : 503;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\"}").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake service: stopping")));
        server.start();
        System.out.println("fake service: started");
        new CountDownLatch(1).await();
    }
}
