package dev.llmplatform.inference.model;

import dev.llmplatform.inference.catalogue.CatalogueEntry;
import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.inference.engine.ThreadCount;
import dev.llmplatform.servicekit.ServedName;
import java.util.Optional;

/**
 * Resolves context, slots, threads and name from configuration, the catalogue entry (when one is served) and the
 * file. Precedence: environment/configuration, then the catalogue entry, then defaults (context min(trained, 4096),
 * 1 slot).
 */
public final class ModelSettingsResolver {

    /** Default per-slot context cap when neither configuration nor catalogue gives one. */
    public static final int DEFAULT_CONTEXT_CAP = 4096;

    private ModelSettingsResolver() {
    }

    /** The settings for loading; gpuLayers and flashAttention are filled in once the memory plan is made. */
    public static LoadSettings resolve(InferenceConfig config, Optional<CatalogueEntry> entry, ModelFile file,
                                       int cores) throws ModelLoadException {
        int context = config.context() > 0 ? config.context()
                : entry.map(CatalogueEntry::contextLength).filter(c -> c > 0)
                .orElse(file.trainedContext() > 0 ? Math.min(file.trainedContext(), DEFAULT_CONTEXT_CAP)
                        : DEFAULT_CONTEXT_CAP);
        if (file.trainedContext() > 0 && context > file.trainedContext()) {
            throw new ModelLoadException("context " + context + " is over the model's trained context of "
                    + file.trainedContext() + " tokens; lower LLM_CONTEXT");
        }
        int slots = config.slots() > 0 ? config.slots() : entry.map(CatalogueEntry::slots).filter(s -> s > 0)
                .orElse(1);
        if (slots > 64) {
            throw new ModelLoadException("LLM_SLOTS " + slots + " is over the limit of 64");
        }
        Optional<String> configuredName = config.model().name().or(() -> entry.map(CatalogueEntry::name));
        String name = ServedName.of(configuredName, file.path());
        return new LoadSettings(name, context, slots, ThreadCount.choose(config.threads(), cores), 0, false,
                config.nativeLog());
    }
}
