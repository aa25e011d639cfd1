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
 * the finish reason. Penalties, logit biases and the JSON schema come validated and bounded by the service. A chat
 * arrives as token ids the service tokenized (so its special tokens are exactly the ones the template wrote) and is
 * passed as the JSON array the server code takes as tokens; so is a raw prompt the service tokenized. With the prompt
 * cache on ({@code cache_prompt}) the engine evaluates only what follows the longest common prefix of the slot's
 * tokens and the prompt (docs/adr/0011-prompt-cache.md).
 */
final class LlamaParameters {

    private LlamaParameters() {
    }

    static InferenceParameters from(EngineRequest request, boolean cachePrompt) {
        InferenceParameters parameters = new InferenceParameters(request.prompt() instanceof EnginePrompt.Text text
                ? text.text() : "")
                .setNPredict(request.maxTokens())
                .setTemperature(request.temperature())
                .setTopP(request.topP())
                .setTopK(request.topK())
                .setMinP(request.minP())
                .setRepeatPenalty(request.repeatPenalty())
                .setCachePrompt(cachePrompt);
        if (request.presencePenalty() != 0f) {
            parameters.setPresencePenalty(request.presencePenalty());
        }
        if (request.frequencyPenalty() != 0f) {
            parameters.setFrequencyPenalty(request.frequencyPenalty());
        }
        if (!request.logitBias().isEmpty()) {
            parameters.setTokenIdBias(request.logitBias()); // [[id, bias], ...]: ids and finite biases, validated
        }
        if (!request.jsonSchema().isEmpty()) {
            // converted to a grammar by the server code's request parser, which turns a converter error into an
            // exception; the binding's own jsonSchemaToGrammar lets a C++ exception end the process
            RawParameters.put(parameters, "json_schema", request.jsonSchema());
        }
        if (request.seed() >= 0) {
            parameters.setSeed((int) request.seed());
        }
        if (request.prompt() instanceof EnginePrompt.Tokens tokens) {
            RawParameters.put(parameters, "prompt", Arrays.toString(tokens.ids()).replace(" ", ""));
        }
        return parameters;
    }
}
