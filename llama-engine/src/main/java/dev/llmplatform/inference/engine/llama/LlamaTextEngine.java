package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.PromptCache;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;

/**
 * {@link TextEngine} over de.kherud:llama (llama.cpp's server code in-process).
 *
 * <p>The binding's {@code LlamaException} is package-private, so native failures are caught as
 * {@link RuntimeException} here and rethrown as {@link EngineException} with a client-safe message.
 */
public final class LlamaTextEngine implements TextEngine {

    private final LlamaModel model;
    private final ModelFacts facts;
    private final LlamaSlots slots;
    private final ReceiveTurns receiveTurns = new ReceiveTurns();
    private final boolean cachePrompt;

    /**
     * Wraps a loaded model; the engine owns it from now on.
     *
     * @param cachePrompt whether slots keep their cells for the next prompt ({@link PromptCache.Policy#enabled()})
     */
    public LlamaTextEngine(LlamaModel model, ModelFacts facts, boolean cachePrompt) {
        this.model = model;
        this.facts = facts;
        this.slots = new LlamaSlots(model);
        this.cachePrompt = cachePrompt;
    }

    @Override
    public ModelFacts facts() {
        return facts;
    }

    @Override
    public int[] tokenize(String text) {
        try {
            return model.encode(text);
        } catch (RuntimeException e) {
            throw new EngineException("tokenization failed in the engine", e);
        }
    }

    @Override
    public String tokenText(int id) {
        try {
            return model.decode(new int[] {id});
        } catch (RuntimeException e) {
            throw new EngineException("token " + id + " could not be decoded", e);
        }
    }

    @Override
    public TokenStream start(EngineRequest request, int slot) {
        if (slot < 0 || slot >= facts.slots()) {
            throw new IllegalArgumentException("slot " + slot + " is outside 0.." + (facts.slots() - 1));
        }
        InferenceParameters parameters = LlamaSlots.pin(LlamaParameters.from(request, cachePrompt), slot);
        try {
            return new LlamaTokenStream(model.generate(parameters).iterator(), receiveTurns);
        } catch (RuntimeException e) {
            throw new EngineException("the engine refused the generation request", e);
        }
    }

    @Override
    public float[] embed(String text) {
        if (!facts.embeds()) {
            throw new IllegalStateException("the model " + facts.name() + " was loaded to generate, not to embed");
        }
        try {
            return model.embed(text);
        } catch (RuntimeException e) {
            throw new EngineException("the engine could not embed the input", e);
        }
    }

    /**
     * Clears a slot; a model loaded for embeddings has nothing to clear: llama.cpp evaluates every embedding's input
     * from its first token, replacing what the slot held, and picks the slot itself.
     */
    @Override
    public void clear(int slot) {
        if (slot < 0 || slot >= facts.slots()) {
            throw new IllegalArgumentException("slot " + slot + " is outside 0.." + (facts.slots() - 1));
        }
        if (!facts.embeds()) {
            slots.clear(slot);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
