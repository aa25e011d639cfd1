package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaOutput;
import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.TokenStream;

/**
 * A generation in the binding. Each partial output stands for one sampled token (a token that ends inside a UTF-8
 * character is merged into the next output); the closing output (after which the iterator has no next) carries no
 * text in streaming mode.
 */
final class LlamaTokenStream implements TokenStream {

    private final LlamaIterator iterator;
    private boolean done;

    LlamaTokenStream(LlamaIterator iterator) {
        this.iterator = iterator;
    }

    @Override
    public Piece next() {
        if (done || !iterator.hasNext()) {
            done = true;
            return null;
        }
        LlamaOutput output;
        try {
            output = iterator.next();
        } catch (RuntimeException e) {
            done = true;
            throw new EngineException("generation failed in the engine", e);
        }
        boolean closing = !iterator.hasNext();
        if (closing) {
            done = true;
        }
        return new Piece(output.text, !closing);
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            iterator.cancel();
        }
    }
}
