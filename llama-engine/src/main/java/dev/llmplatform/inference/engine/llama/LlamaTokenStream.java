package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaOutput;
import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.Piece;
import dev.llmplatform.inference.engine.TokenStream;

/**
 * A generation in the binding. Each partial output stands for one sampled token (a token that ends inside a UTF-8
 * character is merged into the next output); the closing output (after which the iterator has no next) carries no
 * text in streaming mode. After its first output the stream receives in {@link ReceiveTurns}.
 */
final class LlamaTokenStream implements TokenStream {

    private final LlamaIterator iterator;
    private final ReceiveTurns turns;
    private boolean generating;
    private boolean done;

    /**
     * @param turns the engine's receive turns
     */
    LlamaTokenStream(LlamaIterator iterator, ReceiveTurns turns) {
        this.iterator = iterator;
        this.turns = turns;
    }

    @Override
    public Piece next() {
        if (done || !iterator.hasNext()) {
            done = true;
            return null;
        }
        LlamaOutput output;
        try {
            output = generating ? turns.next(iterator) : iterator.next();
            generating = true;
        } catch (RuntimeException e) {
            cancel(); // harmless when the engine already freed the slot; frees it when it did not
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
