package dev.llmplatform.testsupport;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) started as a separate JVM process on its
 * own port, as a user would run it. Output goes to a log file; {@link #awaitReady} polls {@code /q/health/ready}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    /**
     * @param name       a short name, used for the log file
     * @param jar        the service's {@code quarkus-run.jar}
     * @param port       the HTTP (and gRPC) port
     * @param properties system properties ({@code -Dkey=value})
     * @param env        environment variables
     * @param logDir     the folder for {@code <name>.log}
     */
    public ServiceProcess(String name, Path jar, int port, Map<String, String> properties, Map<String, String> env,
            Path logDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = Map.copyOf(properties);
        this.env = Map.copyOf(env);
        this.log = logDir.resolve(name + ".log");
    }

    /** The packaged jar of a module of this repository, found from the working directory upwards. */
    public static Path packagedJar(String module) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("No packaged " + module + " (target/quarkus-app/quarkus-run.jar) found above "
                + Path.of("").toAbsolutePath() + ": run the build (./mvnw package) first");
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Starts the process; returns at once. */
    public ServiceProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's path when the process dies or times out. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see "
                        + log);
            }
            if (readyStatus() == 200) {
                return this;
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready on port " + port + " within " + timeout + "; see " + log);
    }

    /** The status of {@code /q/health/ready}, or -1 when nothing answers. */
    public int readyStatus() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The port the service listens on. */
    public int port() {
        return port;
    }

    /** The file the process writes its output to. */
    public Path log() {
        return log;
    }

    /** Whether the process is running. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Sends SIGTERM and waits up to 20 s, then kills. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Sends SIGTERM and returns at once, as Kubernetes starts a pod's shutdown. */
    public void terminate() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
