package dev.llmplatform.inference.embedding;

import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.request.InferenceError;
import dev.llmplatform.inference.request.RequestLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks an Embed request's inputs before any is embedded: their count, that none is empty, and that each fits the
 * slot's context once tokenized (bytes first, so that a huge input costs bounded time). A refusal names the input's
 * index; nothing is embedded then.
 */
final class EmbeddingInputs {

    private EmbeddingInputs() {
    }

    /** The token count of each input, the BOS token included; throws INVALID_ARGUMENT for a refused input. */
    static int[] check(List<String> inputs, TextEngine engine, int maxInputs) {
        if (inputs.isEmpty()) {
            throw InferenceError.invalid("inputs must hold at least one text");
        }
        if (inputs.size() > maxInputs) {
            throw InferenceError.invalid("inputs holds " + inputs.size() + " texts, over the limit of " + maxInputs);
        }
        ModelFacts facts = engine.facts();
        int context = facts.contextPerSlot();
        long byteLimit = (long) context * RequestLimits.MAX_PROMPT_BYTES_PER_TOKEN;
        int bos = facts.addsBos() ? 1 : 0;
        int[] tokens = new int[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            String input = inputs.get(i);
            if (input.isEmpty()) {
                throw InferenceError.invalid("inputs[" + i + "] is empty; every input must hold text");
            }
            int bytes = input.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > byteLimit) {
                throw InferenceError.invalid("inputs[" + i + "] is " + bytes + " bytes, over the limit of " + byteLimit
                        + " bytes (" + RequestLimits.MAX_PROMPT_BYTES_PER_TOKEN + " per token of the slot's context of "
                        + context + " tokens)");
            }
            try {
                tokens[i] = engine.tokenize(input).length + bos;
            } catch (EngineException e) {
                throw InferenceError.internal(e.getMessage());
            }
            if (tokens[i] > context) {
                throw InferenceError.invalid("inputs[" + i + "] is " + tokens[i] + " tokens, over the slot's context"
                        + " of " + context + " tokens");
            }
        }
        return tokens;
    }
}
