package dev.llmplatform.tokenizer.service.cost;

import dev.llmplatform.tokenizer.TokenizerConfig;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The cost catalogue ({@code tokenizer.cost.models."<model>".*}): for each model, the tokenizer that counts for it,
 * its context length and its prices. A price is known only where the operator configured it; nothing defaults to 0.
 *
 * @param models the entries by model name
 */
public record CostCatalogue(Map<String, Entry> models) {

    /** Copies the map, sorted by name. */
    public CostCatalogue {
        models = Map.copyOf(new TreeMap<>(models));
    }

    /**
     * One catalogue model.
     *
     * @param tokenizer           the tokenizer that counts for it (not needed for a served model)
     * @param contextLength       its context length in tokens
     * @param inputUsdPerMillion  US dollars per million prompt tokens, when configured
     * @param outputUsdPerMillion US dollars per million answer tokens, when configured
     */
    public record Entry(Optional<String> tokenizer, OptionalInt contextLength, OptionalDouble inputUsdPerMillion,
            OptionalDouble outputUsdPerMillion) {

        /** Whether both prices are configured. */
        public boolean pricesKnown() {
            return inputUsdPerMillion.isPresent() && outputUsdPerMillion.isPresent();
        }
    }

    /** The catalogue of {@code tokenizer.cost.*}. */
    public static CostCatalogue fromConfig(TokenizerConfig.Cost config) {
        Map<String, Entry> models = new TreeMap<>();
        config.models().forEach((name, m) -> models.put(name, new Entry(m.tokenizer(), m.contextLength(),
                m.inputUsdPerMillion(), m.outputUsdPerMillion())));
        return new CostCatalogue(models);
    }
}
