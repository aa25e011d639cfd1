package dev.llmplatform.tokenizer.service.cost;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * The cost catalogue ({@code cost.models."<model>".*}): which tokenizer counts for a model, its context length and
 * its prices. Prices are the operator's configuration; the shipped entries use 0 where no price is known.
 */
@ConfigMapping(prefix = "cost")
public interface CostCatalogueConfig {

    /** Catalogue entries by model name. */
    Map<String, ModelEntry> models();

    /** One catalogue model. */
    interface ModelEntry {

        /** Name of the tokenizer that counts for this model. */
        String tokenizer();

        /** Context length in tokens. */
        int contextLength();

        /** US dollars per million prompt tokens. */
        @WithDefault("0")
        double inputUsdPerMillion();

        /** US dollars per million answer tokens. */
        @WithDefault("0")
        double outputUsdPerMillion();
    }
}
