package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaOutput;
import java.util.concurrent.Semaphore;

/**
 * Turns at receiving the engine's outputs, one generating stream at a time, first come first served.
 *
 * <p>The binding's receive call (llama.cpp b4916 {@code server_response::recv}) waits on "the result queue is not
 * empty", then looks for its own task's output: while an output of another task waits in the queue, every other
 * receiving thread spins on the queue's lock. With 4 streams of stories260K on 2 cores the 4 receiving threads
 * burned 4.7 s of CPU in 4.5 s and left the decode thread 38% of a core (2.2k tokens/s through gRPC); taking turns,
 * they used 0.7 s and the streams reached 4.2k (README, "Performance").
 *
 * <p>Only a stream that has had its first output takes turns: such a stream gets one output per decode step (a token
 * that ends inside a UTF-8 character is held back a step or two until the character is whole), so the holder waits
 * about one step, with the queue empty, and the streams behind it find their outputs of that step already queued. A
 * stream still in its prompt (which can take many steps) receives without a turn, so it never holds up the
 * others.
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
