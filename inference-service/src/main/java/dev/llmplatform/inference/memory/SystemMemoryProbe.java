package dev.llmplatform.inference.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Reads free GPU memory ({@code nvidia-smi}, when present); host memory is {@link HostMemory}. */
public final class SystemMemoryProbe {

    private static final Logger LOG = Logger.getLogger(SystemMemoryProbe.class);

    private SystemMemoryProbe() {
    }

    /** Free memory of the first GPU in bytes; 0 when there is none or nvidia-smi is missing. */
    public static long gpuFreeBytes() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=memory.free",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return 0;
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0 || out.isEmpty()) {
                return 0;
            }
            return parseNvidiaSmiMib(out);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The first line of nvidia-smi's memory.free output (MiB) in bytes; 0 when it is not a number. */
    static long parseNvidiaSmiMib(String output) {
        try {
            return Long.parseLong(output.lines().findFirst().orElse("0").trim()) << 20;
        } catch (NumberFormatException e) {
            LOG.warnf("unexpected nvidia-smi output, assuming no GPU: %s", output.lines().findFirst().orElse(""));
            return 0;
        }
    }
}
