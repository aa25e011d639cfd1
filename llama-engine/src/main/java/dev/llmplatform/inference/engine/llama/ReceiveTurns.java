package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaOutput;
import java.util.concurrent.Semaphore;

/**
 * Turns at receiving the engine's outputs, one generating stream at a time, first come first served, because the
 * binding's receive call spins on the result queue's lock while another task's output waits there
 * (docs/adr/0002-receive-in-turns.md). Only a stream that has had its first output takes turns: it gets one output
 * per decode step, so a turn lasts about one step; a stream still in its prompt receives without a turn, so it never
 * holds up the others.
 */
final class ReceiveTurns {

    private final Semaphore turn = new Semaphore(1, true);

    /** The stream's next output, received in turn. */
    LlamaOutput next(LlamaIterator iterator) {
        turn.acquireUninterruptibly();
        try {
            return iterator.next();
        } finally {
            turn.release();
        }
    }
}
