package dev.llmplatform.inference.engine;


/**
 * The seam between the service and a native text-generation engine: one loaded model.
 *
 * <p>Implementations are thread-safe. Every method may block in native code, so none of them may be called on a
 * Vert.x event-loop thread. Native failures surface as {@link EngineException}.
 */
public interface TextEngine extends AutoCloseable {

    /** Facts about the loaded model. */
    ModelFacts facts();

    /**
     * Tokenizes text with the model's own vocabulary, without BOS; special-token strings in the text are parsed
     * into their control tokens (the behaviour of llama-server's {@code /tokenize}).
     */
    int[] tokenize(String text);

    /** The text of one token, with special tokens rendered as their text. */
    String tokenText(int id);

    /**
     * Starts a generation in one engine slot, reusing the cells the slot holds for the prompt's longest common prefix
     * when the engine keeps prompts ({@link PromptCache.Policy#enabled()}). The returned stream must be consumed,
     * cancelled or drained by one thread.
     *
     * @param request a validated request; the engine trusts every field
     * @param slot    the engine slot to decode in, 0 to {@link ModelFacts#slots()} - 1, held by this generation
     *                alone until its stream is released
     */
    TokenStream start(EngineRequest request, int slot);

    /**
     * Embeds one text with a model loaded for embeddings ({@link ModelFacts#embeds()}): the text is tokenized as
     * {@link #tokenize} does, after the BOS token when the model adds one, and its token states are pooled
     * ({@link ModelFacts#pooling()}) into {@link ModelFacts#embeddingLength()} floats with an L2 norm of 1. The text
     * must tokenize to at most {@link ModelFacts#contextPerSlot()} tokens.
     *
     * @throws IllegalStateException when the model was loaded to generate
     */
    float[] embed(String text);

    /**
     * Drops the KV cells a slot keeps, so that they no longer slow the other slots' decoding
     * ({@link PromptCache}). The slot must be idle and held by the caller; failures are logged, never thrown.
     */
    void clear(int slot);

    /** Releases the model. */
    @Override
    void close();
}
