package dev.llmplatform.inference.model;

/**
 * Where the served model comes from. The service's own source is {@link ConfiguredModelSource} (the GGUF file or the
 * catalogue entry the configuration names); tests replace it with a scripted engine.
 */
public interface ModelSource {

    /** Resolves, validates and loads the model, or explains why it cannot be served. */
    LoadedModel load() throws ModelLoadException;
}
