package dev.llmplatform.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidate files split into models to measure and notes on the ones skipped: unreadable files and
 * vocabulary-only GGUFs (no tensors, which the service refuses).
 *
 * @param models  the models to measure, in candidate order, duplicates removed
 * @param skipped one note per skipped file, naming it and why
 */
public record ModelSelection(List<ModelFacts> models, List<String> skipped) {

    /** Copies the lists. */
    public ModelSelection {
        models = List.copyOf(models);
        skipped = List.copyOf(skipped);
    }

    /** Reads the header of each candidate and keeps those with weights. */
    public static ModelSelection of(List<Path> candidates) {
        List<ModelFacts> models = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path path : ModelDiscovery.distinct(candidates)) {
            ModelFacts facts;
            try {
                facts = ModelFacts.read(path);
            } catch (IOException | RuntimeException e) {
                skipped.add(path + ": not a readable GGUF model (" + e.getMessage() + ")");
                continue;
            }
            if (facts.hasWeights()) {
                models.add(facts);
            } else {
                skipped.add(path + ": vocabulary-only GGUF (no tensors), nothing to serve");
            }
        }
        return new ModelSelection(models, skipped);
    }
}
