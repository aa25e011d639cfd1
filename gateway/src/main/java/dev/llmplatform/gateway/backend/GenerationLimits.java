package dev.llmplatform.gateway.backend;

/**
 * The bounds an inference service holds every generation to (it is their one validator); published so that clients
 * and the web UI can read them.
 *
 * @param maxMessages      most chat messages
 * @param maxStopStrings   most stop strings
 * @param maxStopBytes     most UTF-8 bytes in one stop string
 * @param maxTopK          largest top_k
 * @param maxTemperature   largest temperature
 * @param maxRepeatPenalty largest repeat_penalty
 * @param maxSeed          largest seed
 * @param maxPromptBytes   most UTF-8 bytes of prompt after templating
 * @param maxContextTokens most tokens of prompt plus max_tokens
 * @param maxJsonSchemaBytes most UTF-8 bytes of a response_format JSON schema
 * @param maxLogitBiasEntries most entries of a logit_bias
 */
public record GenerationLimits(int maxMessages, int maxStopStrings, int maxStopBytes, int maxTopK,
        double maxTemperature, double maxRepeatPenalty, long maxSeed, long maxPromptBytes, int maxContextTokens,
        int maxJsonSchemaBytes, int maxLogitBiasEntries) {
}
