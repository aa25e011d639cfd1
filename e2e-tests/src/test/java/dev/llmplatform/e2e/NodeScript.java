package dev.llmplatform.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js script of {@code e2e-tests/node} (real client libraries: the openai SDK, a headless browser).
 * Installs the pinned npm packages on first use; fails with a clear message when node or npm is missing.
 */
final class NodeScript {

    private static final Path DIR = Path.of("node").toAbsolutePath();

    /** What a script printed and how it exited. */
    record Result(int exitCode, String output) {
    }

    private NodeScript() {
    }

    static Result run(String script, String... args) {
        ensureInstalled();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return exec(command, 180);
    }

    private static synchronized void ensureInstalled() {
        if (Files.isDirectory(DIR.resolve("node_modules/openai"))
                && Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
            return;
        }
        Result install = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        if (install.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + DIR + " failed (node and npm are needed for the client "
                    + "library tests): " + install.output());
        }
    }

    private static Result exec(List<String> command, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("node-script", ".log");
            Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s: "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command + " (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
