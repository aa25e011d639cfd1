package dev.llmplatform.deploy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The command of a Dockerfile HEALTHCHECK or a compose healthcheck, which a test can run on this machine. */
record HealthcheckCommand(List<String> argv) {

    /**
     * Parses the arguments of a {@code HEALTHCHECK [--option=value ...] CMD ["exec", "form"]} instruction; the
     * shell form is refused because its quoting differs between images.
     */
    static HealthcheckCommand fromDockerfile(String arguments) {
        int cmd = arguments.indexOf("CMD ");
        if (cmd < 0) {
            throw new AssertionError("HEALTHCHECK without CMD: " + arguments);
        }
        String json = arguments.substring(cmd + 4).trim();
        if (!json.startsWith("[")) {
            throw new AssertionError("HEALTHCHECK CMD must use the exec (JSON array) form: " + json);
        }
        // JSON is YAML: SnakeYAML reads the array with JSON's escape rules.
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        return new HealthcheckCommand(strings(parsed));
    }

    /** Reads a compose {@code healthcheck.test} list: {@code ["CMD", ...]} (or {@code CMD-SHELL}, refused). */
    static HealthcheckCommand fromCompose(Object test) {
        List<String> argv = strings(test);
        if (argv.isEmpty() || !"CMD".equals(argv.get(0))) {
            throw new AssertionError("compose healthcheck must be [\"CMD\", ...]: " + argv);
        }
        return new HealthcheckCommand(argv.subList(1, argv.size()));
    }

    /** Runs the command with extra environment variables; returns its exit code (0 = healthy). */
    int run(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("health check did not finish within 20 s: " + argv);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The same command aimed at another loopback port (for commands that name their port literally). */
    HealthcheckCommand withPort(int from, int to) {
        return new HealthcheckCommand(argv.stream()
                .map(a -> a.replace("/127.0.0.1/" + from, "/127.0.0.1/" + to))
                .toList());
    }

    private static List<String> strings(Object parsed) {
        if (!(parsed instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
            throw new AssertionError("not a list of strings: " + parsed);
        }
        return list.stream().map(String.class::cast).toList();
    }
}
