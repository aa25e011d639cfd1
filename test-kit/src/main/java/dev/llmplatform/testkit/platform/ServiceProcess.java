package dev.llmplatform.testkit.platform;

import dev.llmplatform.testkit.await.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}, or any runnable jar that serves
 * {@code /q/health/ready} on {@code -Dquarkus.http.port}) started as a separate JVM process on its own port, as a
 * user would run it. Its output is appended to {@code <logDir>/<name>.log}, across restarts. Besides start and
 * stop it offers what fault drills need: SIGKILL, SIGTERM without waiting, SIGSTOP/SIGCONT and restart on the same
 * port, and the resident memory of the process.
 */
public final class ServiceProcess implements AutoCloseable {

    /** How long a service may take to become ready, unless a caller says otherwise. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** How often readiness is polled. */
    public static final Duration READY_POLL = Duration.ofMillis(50);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Map<String, String> env;
    private final Path log;
    private volatile Process process;
    private volatile boolean paused;

    /**
     * @param name       a short name, used for the log file and in messages
     * @param jar        the runnable jar
     * @param port       the HTTP (and gRPC) port, passed as {@code -Dquarkus.http.port}
     * @param properties system properties ({@code -Dkey=value})
     * @param env        environment variables, on top of this JVM's environment
     * @param logDir     the folder for {@code <name>.log}
     */
    public ServiceProcess(String name, Path jar, int port, Map<String, String> properties, Map<String, String> env,
            Path logDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = Map.copyOf(properties);
        this.env = Map.copyOf(env);
        this.log = logDir.toAbsolutePath().resolve(name + ".log");
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
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
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
            paused = false;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
        return this;
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws IllegalStateException with the end of the log when the process exits first or the time runs out
     */
    public ServiceProcess awaitReady(Duration timeout) {
        return awaitReady(timeout, status -> { });
    }

    /**
     * Waits until {@code /q/health/ready} answers 200, handing every other answer (-1 while nothing listens) to
     * {@code notYet}, which may throw to stop waiting (for example when the service reports a failure that readiness
     * alone would only show by timing out); that exception reaches the caller unchanged.
     *
     * @throws IllegalStateException with the end of the log when the process exits first or the time runs out
     */
    public ServiceProcess awaitReady(Duration timeout, IntConsumer notYet) {
        Process started = process;
        if (started == null) {
            throw new IllegalStateException(name + " was not started");
        }
        try {
            Await.until(() -> {
                if (!started.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + started.exitValue()
                            + " before it was ready; see " + log + "\n" + logTail(20));
                }
                int status = readyStatus();
                if (status != 200) {
                    notYet.accept(status);
                }
                return status;
            }, status -> status == 200, timeout, READY_POLL, name + " ready on port " + port);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " not ready on port " + port + " within " + timeout + "; see " + log
                    + "\n" + logTail(20), e);
        }
        return this;
    }

    /** The status of {@code /q/health/ready}, or -1 when nothing answers within 2 s. */
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

    /** The name given at construction. */
    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:<port>}, as the gateway's endpoint settings take it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The port the service listens on. */
    public int port() {
        return port;
    }

    /** The file the process writes its output to. */
    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the log (empty when there is none yet). */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Whether the process is running (a stopped process counts as running). */
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The pid of the running process, or empty when none runs. */
    public OptionalLong pid() {
        Process current = process;
        return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    /** The process's resident memory now ({@code VmRSS}) in KiB; empty when none runs or /proc is unreadable. */
    public OptionalLong rssKib() {
        OptionalLong pid = pid();
        return pid.isPresent() ? ProcessMemory.rssKib(pid.getAsLong()) : OptionalLong.empty();
    }

    /** The process's peak resident memory so far ({@code VmHWM}) in KiB; empty when none runs. */
    public OptionalLong peakRssKib() {
        OptionalLong pid = pid();
        return pid.isPresent() ? ProcessMemory.peakRssKib(pid.getAsLong()) : OptionalLong.empty();
    }

    /** Sends SIGTERM, waits up to 20 s, then kills; does nothing when none runs. */
    @Override
    public void close() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        if (paused) {
            resume(); // a stopped process cannot handle SIGTERM
        }
        current.destroy();
        try {
            if (!current.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }

    /** Sends SIGTERM (after SIGCONT when paused) and returns at once, as Kubernetes starts a pod's shutdown. */
    public void terminate() {
        Process current = process;
        if (current != null && current.isAlive()) {
            if (paused) {
                resume();
            }
            current.destroy();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits up to 5 s for it to be gone. */
    public void kill() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
            try {
                current.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Freezes the process (SIGSTOP): it keeps its ports open but answers nothing, as a hung service would. */
    public void pause() {
        if (!signal("STOP")) {
            throw new IllegalStateException("could not send SIGSTOP to " + name);
        }
        paused = true;
    }

    /** Lets a paused process run on (SIGCONT). */
    public void resume() {
        if (!signal("CONT")) {
            throw new IllegalStateException("could not send SIGCONT to " + name);
        }
        paused = false;
    }

    /** Stops the process (as {@link #close}) and starts it again on the same port, waiting until it is ready. */
    public ServiceProcess restart(Duration timeout) {
        close();
        return start().awaitReady(timeout);
    }

    /** Sends a signal with {@code kill -<signal> <pid>}; whether it was delivered. */
    private boolean signal(String signal) {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid.getAsLong()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + " (port " + port + ")";
    }
}
