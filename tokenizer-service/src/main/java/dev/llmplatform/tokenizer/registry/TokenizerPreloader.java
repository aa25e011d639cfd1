package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.TokenizerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Loads every configured tokenizer in the background after start-up ({@code tokenizer.preload}), on its own daemon
 * thread (never an event loop), so that first requests do not pay the load. Requests that arrive earlier load what
 * they need themselves; a tokenizer is still loaded only once.
 */
@ApplicationScoped
public class TokenizerPreloader {

    private static final Logger LOG = Logger.getLogger(TokenizerPreloader.class);

    void onStart(@Observes StartupEvent event, TokenizerConfig config, TokenizerRegistry registry) {
        if (!config.preload()) {
            return;
        }
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            int loaded = registry.describeAll().size();
            LOG.infof("preloaded %d tokenizers in %d ms", loaded, (System.nanoTime() - start) / 1_000_000);
            releaseLoadGarbage();
        }, "tokenizer-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Parsing the tokenizer.json files (a JSON tree of each, and the literal variant written back out) leaves a few
     * hundred MiB of garbage that G1 keeps committed while the service sits idle. One full collection right after
     * the preload, once per start, lets the heap shrink: measured on one start of the eight asset tokenizers and the
     * four tiktoken encodings, RSS went from 1025 to 791 MiB (heap 549 MiB committed, 71 MiB live).
     */
    private static void releaseLoadGarbage() {
        long start = System.nanoTime();
        System.gc();
        LOG.debugf("collected the preload's garbage in %d ms", (System.nanoTime() - start) / 1_000_000);
    }
}
