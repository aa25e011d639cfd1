package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.InferenceParameters;
import dev.llmplatform.inference.engine.EngineRequest;

/**
 * Builds the binding's request JSON from a validated {@link EngineRequest} only.
 *
 * <p>The bundled server code trusts fields such as {@code n_discard}, {@code n_keep} and {@code n_probs}
 * (CVE-2026-21869), so nothing else is ever set (besides the slot number from the scheduler, {@link LlamaSlots}),
 * and no client JSON is forwarded. Stop strings are matched in Java ({@code StopStringMatcher}) so the service knows
 * the finish reason. The prompt cache is off so that a request decodes the same way whichever slot and whatever
 * earlier request it follows (temperature-0 determinism).
 */
final class LlamaParameters {

    private LlamaParameters() {
    }

    static InferenceParameters from(EngineRequest request) {
        InferenceParameters parameters = new InferenceParameters(request.prompt())
                .setNPredict(request.maxTokens())
                .setTemperature(request.temperature())
                .setTopP(request.topP())
                .setTopK(request.topK())
                .setMinP(request.minP())
                .setRepeatPenalty(request.repeatPenalty())
                .setCachePrompt(false);
        if (request.seed() >= 0) {
            parameters.setSeed((int) request.seed());
        }
        return parameters;
    }
}
