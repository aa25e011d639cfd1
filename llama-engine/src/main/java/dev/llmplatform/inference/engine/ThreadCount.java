package dev.llmplatform.inference.engine;

/**
 * The default native thread count (docs/adr/0003-decode-threads.md): 1 on up to 2 cores, where a second decode thread
 * competes with the service's own threads (receiving, gRPC, and on a shared machine the gateway) and won only when the
 * inference service had the cores to itself; above 2 cores half the cores (the physical cores of a machine with two
 * hardware threads per core, llama-server's own default), leaving the rest to the JVM and the transport.
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
