package dev.llmplatform.compare;

import dev.llmplatform.testkit.stats.Percentiles;
import java.util.List;
import java.util.OptionalLong;

/**
 * The measurements of one model.
 *
 * @param facts       what the GGUF header says
 * @param loadSeconds process start to {@code /q/health/ready} 200 (JVM start, model load and warm-up); NaN if never
 * @param readyRssKib VmRSS of the service process right after it became ready
 * @param peakRssKib  VmHWM of the service process after the last prompt (peak resident memory)
 * @param prompts     one result per prompt, in prompt order
 * @param error       why the model could not be measured, or empty
 */
public record ModelResult(ModelFacts facts, double loadSeconds, OptionalLong readyRssKib, OptionalLong peakRssKib,
        List<PromptResult> prompts, String error) {

    /** Copies the prompt results. */
    public ModelResult {
        prompts = List.copyOf(prompts);
    }

    /** A model whose service did not get ready. */
    public static ModelResult failed(ModelFacts facts, String error) {
        return new ModelResult(facts, Double.NaN, OptionalLong.empty(), OptionalLong.empty(), List.of(), error);
    }

    /** The median client-side time to first token over the prompts that succeeded. */
    public double ttftP50Client() {
        return Percentiles.of(ok().stream().mapToDouble(PromptResult::clientTtftMs).toArray()).median();
    }

    /** The median server-side time to first token. */
    public double ttftP50Server() {
        return Percentiles.of(ok().stream().mapToDouble(PromptResult::serverTtftMs).toArray()).median();
    }

    /** The median client-side tokens per second. */
    public double tokensPerSecondP50Client() {
        return Percentiles.of(ok().stream().mapToDouble(PromptResult::clientTokensPerSecond).toArray()).median();
    }

    /** The median server-side tokens per second. */
    public double tokensPerSecondP50Server() {
        return Percentiles.of(ok().stream().mapToDouble(PromptResult::serverTokensPerSecond).toArray()).median();
    }

    private List<PromptResult> ok() {
        return prompts.stream().filter(p -> !p.failed()).toList();
    }
}
