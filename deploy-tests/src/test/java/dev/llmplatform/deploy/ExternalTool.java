package dev.llmplatform.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the validation runs the way a user does ({@code kubectl kustomize},
 * {@code docker-compose config}). A missing tool fails the test with the way to install it.
 */
final class ExternalTool {

    private static final long TIMEOUT_SECONDS = 120;

    private final String executable;
    private final String installHint;

    ExternalTool(String executable, String installHint) {
        this.executable = executable;
        this.installHint = installHint;
    }

    /** kubectl, whose {@code kustomize} subcommand renders the overlays. */
    static ExternalTool kubectl() {
        return new ExternalTool("kubectl", "install kubectl (it includes 'kubectl kustomize'), e.g. the Debian/Ubuntu"
                + " package from pkgs.k8s.io or the binary release, and put it on the PATH");
    }

    /** docker-compose v1 (Debian's package), which validates compose files without a container engine. */
    static ExternalTool dockerCompose() {
        return new ExternalTool("docker-compose",
                "install it with 'apt-get update && apt-get install -y docker-compose' (.ci/run does)");
    }

    /** Runs the tool in {@code workDir}; fails unless it exits 0. */
    Result run(Path workDir, Map<String, String> environment, String... arguments) {
        Result result = runAllowingFailure(workDir, environment, arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError(describe(arguments) + " exited " + result.exitCode() + ":\n" + result.stderr());
        }
        return result;
    }

    /** Runs the tool in {@code workDir} and returns its exit code and output, whatever the exit code. */
    Result runAllowingFailure(Path workDir, Map<String, String> environment, String... arguments) {
        Path binary = locate();
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(environment);
        try {
            Path stdout = Files.createTempFile("deploy-tests-", ".out");
            Path stderr = Files.createTempFile("deploy-tests-", ".err");
            try {
                Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(describe(arguments) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + describe(arguments) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + describe(arguments), e);
        }
    }

    private Path locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(executable + " is not installed (not found on PATH=" + path + "): " + installHint);
    }

    private String describe(String... arguments) {
        return "'" + executable + " " + String.join(" ", arguments) + "'";
    }

    /** Exit code and captured output of one run. */
    record Result(int exitCode, String stdout, String stderr) {
    }
}
