package dev.llmplatform.inference.request;

import dev.llmplatform.proto.inference.v1.GenerateLimits;

/**
 * The bounds every request is held to, in one place: the validators check them and {@code ModelInfo.limits}
 * publishes them ({@link #published(int)}), so the gateway and clients never keep copies of their own.
 */
public final class RequestLimits {

    /** Most stop strings per request. */
    public static final int MAX_STOP_STRINGS = 4;
    /** Most UTF-8 bytes in one stop string. */
    public static final int MAX_STOP_BYTES = 256;
    /** Largest top_k. */
    public static final int MAX_TOP_K = 10_000;
    /** Largest temperature. */
    public static final float MAX_TEMPERATURE = 2f;
    /** Largest repeat_penalty. */
    public static final float MAX_REPEAT_PENALTY = 2f;
    /** Largest seed (the engine takes a 32-bit signed seed). */
    public static final long MAX_SEED = Integer.MAX_VALUE;
    /** Most chat messages per request. */
    public static final int MAX_MESSAGES = 1_000;
    /**
     * Most UTF-8 bytes of prompt per token of the slot's context; a longer prompt is refused before tokenization so
     * that a huge prompt costs bounded time.
     */
    public static final int MAX_PROMPT_BYTES_PER_TOKEN = 32;
    /** Largest presence_penalty and frequency_penalty in absolute value (OpenAI's range). */
    public static final float MAX_PENALTY = 2f;
    /** Most UTF-8 bytes of a JSON schema. */
    public static final int MAX_JSON_SCHEMA_BYTES = 16_384;
    /**
     * Deepest nesting of a JSON schema's subschemas: llama.cpp converts it recursively on a native stack, where an
     * overflow would end the process.
     */
    public static final int MAX_SCHEMA_DEPTH = 32;
    /** Most entries in a request's logit_bias. */
    public static final int MAX_LOGIT_BIAS_ENTRIES = 1_024;
    /** Largest logit bias in absolute value (OpenAI's range). */
    public static final float MAX_LOGIT_BIAS = 100f;
    /** Longest request_id kept for logs; longer ones are cut. */
    public static final int MAX_REQUEST_ID_CHARS = 128;

    private RequestLimits() {
    }

    /** The limits as published in {@code ModelInfo}, for a model with {@code contextPerSlot} tokens per slot. */
    public static GenerateLimits published(int contextPerSlot) {
        return GenerateLimits.newBuilder()
                .setMaxMessages(MAX_MESSAGES)
                .setMaxStopStrings(MAX_STOP_STRINGS)
                .setMaxStopBytes(MAX_STOP_BYTES)
                .setMaxTopK(MAX_TOP_K)
                .setMaxTemperature(MAX_TEMPERATURE)
                .setMaxRepeatPenalty(MAX_REPEAT_PENALTY)
                .setMaxSeed(MAX_SEED)
                .setMaxPromptBytes((long) contextPerSlot * MAX_PROMPT_BYTES_PER_TOKEN)
                .setMaxContextTokens(contextPerSlot)
                .setMaxJsonSchemaBytes(MAX_JSON_SCHEMA_BYTES)
                .setMaxLogitBiasEntries(MAX_LOGIT_BIAS_ENTRIES)
                .build();
    }
}
