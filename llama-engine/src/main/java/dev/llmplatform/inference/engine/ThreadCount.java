package dev.llmplatform.inference.engine;

/**
 * The default native thread count: 1 on up to 2 cores, where llama.cpp's worker threads inside a JVM decoded slower
 * with 2, else half the cores, leaving the rest to the JVM and the transport (docs/adr/0003-decode-threads.md).
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
