package dev.llmplatform.inference.engine;

/**
 * A running generation, consumed by exactly one thread.
 *
 * <p>{@link #next()} blocks until the next output; {@link #cancel()} must be called by the consuming thread
 * between two {@link #next()} calls (the binding's cancel, called while another thread waits in {@code next},
 * leaves that thread waiting forever).
 */
public interface TokenStream {

    /**
     * The next output, or {@code null} when generation has ended.
     *
     * @throws EngineException when the engine failed
     */
    Piece next();

    /** Stops native generation and frees its slot; {@link #next()} returns {@code null} afterwards. */
    void cancel();
}
