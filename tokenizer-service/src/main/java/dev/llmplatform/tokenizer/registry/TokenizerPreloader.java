package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.TokenizersConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Loads every configured tokenizer in the background after start-up ({@code tokenizers.preload}), on its own daemon
 * thread (never an event loop), so that first requests do not pay the load. Requests that arrive earlier load what
 * they need themselves; a tokenizer is still loaded only once.
 */
@ApplicationScoped
public class TokenizerPreloader {

    private static final Logger LOG = Logger.getLogger(TokenizerPreloader.class);

    void onStart(@Observes StartupEvent event, TokenizersConfig config, TokenizerRegistry registry) {
        if (!config.preload()) {
            return;
        }
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            int loaded = registry.describeAll().size();
            LOG.infof("preloaded %d tokenizers in %d ms", loaded, (System.nanoTime() - start) / 1_000_000);
        }, "tokenizer-preload");
        thread.setDaemon(true);
        thread.start();
    }
}
