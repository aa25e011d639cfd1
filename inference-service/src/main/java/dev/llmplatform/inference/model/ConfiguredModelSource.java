package dev.llmplatform.inference.model;

import dev.llmplatform.inference.catalogue.ModelCatalogue;
import dev.llmplatform.inference.config.InferenceConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The model the configuration names: {@code LLM_MODEL} (a GGUF file) or {@code LLM_MODEL_ID} (a catalogue entry). */
@ApplicationScoped
@DefaultBean
public class ConfiguredModelSource implements ModelSource {

    private final InferenceConfig config;

    ConfiguredModelSource(InferenceConfig config) {
        this.config = config;
    }

    @Override
    public LoadedModel load() throws ModelLoadException {
        return ModelLoader.load(config, ModelCatalogue.load());
    }
}
