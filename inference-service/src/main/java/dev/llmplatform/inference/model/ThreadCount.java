package dev.llmplatform.inference.model;

/**
 * The default native thread count. Measured on a 2-core machine (shared/assets/README.md): the binding decodes about
 * 3x faster with 1 thread than with 2 (stories260K 3.1k vs 200 tokens/s, random-134m 100 vs 35-45), because ggml's
 * worker threads spin against the JVM's own threads. So: 1 thread on up to 2 cores; above that (not measured here)
 * half the cores, leaving the rest to the JVM, gRPC and HTTP.
 */
public final class ThreadCount {

    private ThreadCount() {
    }

    /** The configured count when positive, else the default for the core count. */
    public static int choose(int configured, int cores) {
        if (configured > 0) {
            return configured;
        }
        return cores <= 2 ? 1 : cores / 2;
    }
}
