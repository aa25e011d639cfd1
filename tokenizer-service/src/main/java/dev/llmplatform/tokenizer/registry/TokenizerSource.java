package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.engine.TokenizerEngine;

/**
 * A tokenizer that can be served, before it is loaded.
 *
 * @param name the served name
 * @param loader opens the tokenizer (may read files and create native handles)
 */
public record TokenizerSource(String name, Loader loader) {

    /** Opens one tokenizer. */
    @FunctionalInterface
    public interface Loader {
        /** Loads the tokenizer; failures are reported as exceptions. */
        TokenizerEngine load() throws Exception;
    }
}
