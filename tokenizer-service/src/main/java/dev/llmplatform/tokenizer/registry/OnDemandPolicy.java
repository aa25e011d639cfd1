package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.TokenizersConfig;
import java.time.Duration;
import java.util.List;

/**
 * What a request may make the service load beyond its configured tokenizers.
 *
 * @param enabled whether repo ids that are not configured are loaded on request at all
 * @param allowed the repo ids that may be loaded on request
 * @param maxLoaded most tokenizers loaded on request held at once
 * @param maxBytes most memory they may take together (estimated, see {@link TokenizerFootprint})
 * @param failureTtl how long a failed load is answered from memory
 */
public record OnDemandPolicy(boolean enabled, RepoPatterns allowed, int maxLoaded, long maxBytes,
        Duration failureTtl) {

    /** Nothing is loaded on request; failures are remembered for 60 s. */
    public static OnDemandPolicy off() {
        return new OnDemandPolicy(false, new RepoPatterns(List.of()), 0, 0, Duration.ofSeconds(60));
    }

    /** The policy of {@code tokenizers.hub.*}. */
    public static OnDemandPolicy fromConfig(TokenizersConfig.Hub hub) {
        return new OnDemandPolicy(hub.downloadOnDemand(), new RepoPatterns(hub.allowedRepos().orElse(List.of())),
                Math.max(0, hub.maxOnDemand()), Math.max(0, hub.maxOnDemandMib()) << 20,
                Duration.ofSeconds(Math.max(0, hub.failureCacheSeconds())));
    }

    /** Why {@code repoId} may not be loaded on request, or null when it may. */
    String refusal(String repoId) {
        if (!enabled) {
            return "it is not configured and loading tokenizers on request is off (tokenizers.hub.download-on-demand)";
        }
        if (!allowed.matches(repoId)) {
            return "it is not configured and matches no pattern of tokenizers.hub.allowed-repos";
        }
        if (maxLoaded == 0) {
            return "it is not configured and tokenizers.hub.max-on-demand is 0";
        }
        return null;
    }
}
