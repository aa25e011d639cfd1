package dev.llmplatform.inference.request;

import dev.llmplatform.proto.inference.v1.SamplingParams;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns raw {@link SamplingParams} into {@link SamplingSettings}, refusing anything out of bounds with a message that
 * names the field, the allowed range and the value received. NaN and infinities are refused for every float field.
 */
public final class SamplingValidator {

    private final SamplingDefaults defaults;
    private final int contextPerSlot;
    private final int vocabularySize;

    /**
     * A validator for a model with the given defaults, per-slot context and vocabulary size (0 when not known: then
     * no logit_bias is accepted, since its token ids cannot be checked).
     */
    public SamplingValidator(SamplingDefaults defaults, int contextPerSlot, int vocabularySize) {
        this.defaults = defaults;
        this.contextPerSlot = contextPerSlot;
        this.vocabularySize = vocabularySize;
    }

    /** Validates sampling parameters (an absent message means all defaults). */
    public SamplingSettings validate(SamplingParams params) {
        int maxTokens = params.getMaxTokens();
        if (maxTokens < 0 || maxTokens > contextPerSlot) {
            throw InferenceError.invalid("max_tokens must be between 0 and " + contextPerSlot
                    + " (the slot's context; 0 means the default of " + defaults.maxTokens() + "), got " + maxTokens);
        }
        boolean defaulted = maxTokens == 0;
        float temperature = params.hasTemperature() ? params.getTemperature() : defaults.temperature();
        requireRange("temperature", temperature, 0f, true, RequestLimits.MAX_TEMPERATURE);
        float topP = params.hasTopP() ? params.getTopP() : defaults.topP();
        requireRange("top_p", topP, 0f, false, 1f);
        int topK = params.hasTopK() ? params.getTopK() : defaults.topK();
        if (topK < 0 || topK > RequestLimits.MAX_TOP_K) {
            throw InferenceError.invalid("top_k must be between 0 and " + RequestLimits.MAX_TOP_K + ", got " + topK);
        }
        float minP = params.hasMinP() ? params.getMinP() : defaults.minP();
        requireRange("min_p", minP, 0f, true, 1f);
        float repeatPenalty = params.hasRepeatPenalty() ? params.getRepeatPenalty() : defaults.repeatPenalty();
        requireRange("repeat_penalty", repeatPenalty, 0f, false, RequestLimits.MAX_REPEAT_PENALTY);
        long seed = -1;
        if (params.hasSeed()) {
            seed = params.getSeed();
            if (seed < 0 || seed > RequestLimits.MAX_SEED) {
                throw InferenceError.invalid("seed must be between 0 and " + RequestLimits.MAX_SEED + ", got " + seed);
            }
        }
        List<String> stops = validateStops(params.getStopList());
        float presencePenalty = params.hasPresencePenalty() ? params.getPresencePenalty() : 0f;
        requireRange("presence_penalty", presencePenalty, -RequestLimits.MAX_PENALTY, true, RequestLimits.MAX_PENALTY);
        float frequencyPenalty = params.hasFrequencyPenalty() ? params.getFrequencyPenalty() : 0f;
        requireRange("frequency_penalty", frequencyPenalty, -RequestLimits.MAX_PENALTY, true,
                RequestLimits.MAX_PENALTY);
        return new SamplingSettings(defaulted ? defaults.maxTokens() : maxTokens, defaulted, temperature, topP, topK,
                minP, repeatPenalty, seed, stops, presencePenalty, frequencyPenalty,
                params.getJsonSchema().isEmpty() ? "" : JsonSchemaCheck.check(params.getJsonSchema()),
                validateLogitBias(params.getLogitBiasMap()));
    }

    /** Token ids of the vocabulary, biases within [-100, 100], at most {@link RequestLimits#MAX_LOGIT_BIAS_ENTRIES}. */
    private Map<Integer, Float> validateLogitBias(Map<Integer, Float> bias) {
        if (bias.isEmpty()) {
            return Map.of();
        }
        if (bias.size() > RequestLimits.MAX_LOGIT_BIAS_ENTRIES) {
            throw InferenceError.invalid("logit_bias has " + bias.size() + " entries, over the limit of "
                    + RequestLimits.MAX_LOGIT_BIAS_ENTRIES);
        }
        if (vocabularySize <= 0) {
            throw InferenceError.invalid("logit_bias cannot be applied: the vocabulary size of this model is not known,"
                    + " so its token ids cannot be checked");
        }
        Map<Integer, Float> sorted = new TreeMap<>();
        for (Map.Entry<Integer, Float> entry : bias.entrySet()) {
            int id = entry.getKey();
            if (id < 0 || id >= vocabularySize) {
                throw InferenceError.invalid("logit_bias token id " + id + " is not in the model's vocabulary (ids 0 to "
                        + (vocabularySize - 1) + ")");
            }
            requireRange("logit_bias[" + id + "]", entry.getValue(), -RequestLimits.MAX_LOGIT_BIAS, true,
                    RequestLimits.MAX_LOGIT_BIAS);
            sorted.put(id, entry.getValue());
        }
        return Collections.unmodifiableMap(sorted);
    }

    private static void requireRange(String name, float value, float low, boolean lowInclusive, float high) {
        boolean ok = Float.isFinite(value) && (lowInclusive ? value >= low : value > low) && value <= high;
        if (!ok) {
            throw InferenceError.invalid(name + " must be in " + (lowInclusive ? "[" : "(") + format(low) + ", "
                    + format(high) + "], got " + value);
        }
    }

    private static String format(float value) {
        return value == Math.rint(value) ? Integer.toString((int) value) : Float.toString(value);
    }

    private static List<String> validateStops(List<String> stops) {
        if (stops.size() > RequestLimits.MAX_STOP_STRINGS) {
            throw InferenceError.invalid("at most " + RequestLimits.MAX_STOP_STRINGS + " stop strings are allowed, got "
                    + stops.size());
        }
        for (int i = 0; i < stops.size(); i++) {
            String stop = stops.get(i);
            if (stop.isEmpty()) {
                throw InferenceError.invalid("stop[" + i + "] is empty");
            }
            int bytes = stop.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > RequestLimits.MAX_STOP_BYTES) {
                throw InferenceError.invalid("stop[" + i + "] is " + bytes + " bytes, over the limit of "
                        + RequestLimits.MAX_STOP_BYTES);
            }
        }
        return List.copyOf(stops);
    }
}
