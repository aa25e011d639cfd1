package dev.llmplatform.inference.generation;

import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.GenerationPhase;

/** Where a generation sends its output; implementations must accept calls from the generation thread. */
public interface GenerationSink {

    /** Generated text (complete characters) standing for a number of tokens. */
    void chunk(String text, int tokens);

    /** The last message; nothing follows. */
    void finish(Final last);

    /** Notes where the generation is, for heartbeats; sends nothing by itself. */
    default void phase(GenerationPhase phase, int generatedTokens) {
    }
}
