package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.InferenceParameters;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.EngineRequest;
import java.util.Arrays;

/**
 * Builds the binding's request JSON from a validated {@link EngineRequest} only.
 *
 * <p>The bundled server code trusts fields such as {@code n_discard}, {@code n_keep} and {@code n_probs}
 * (CVE-2026-21869), so nothing else is ever set (besides the slot number from the scheduler, {@link LlamaSlots}),
 * and no client JSON is forwarded. Stop strings are matched in Java ({@code StopStringMatcher}) so the service knows
 * the finish reason. A chat arrives as token ids the service tokenized (so its special tokens are exactly the ones
 * the template wrote) and is passed as the JSON array the server code takes as tokens. The prompt cache is off so that a request decodes the same way whichever slot and whatever
 * earlier request it follows (temperature-0 determinism).
 */
final class LlamaParameters {

    private LlamaParameters() {
    }

    static InferenceParameters from(EngineRequest request) {
        InferenceParameters parameters = new InferenceParameters(request.prompt() instanceof EnginePrompt.Text text
                ? text.text() : "")
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
        if (request.prompt() instanceof EnginePrompt.Tokens tokens) {
            RawParameters.put(parameters, "prompt", Arrays.toString(tokens.ids()).replace(" ", ""));
        }
        return parameters;
    }
}
