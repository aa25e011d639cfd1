package dev.llmplatform.compare;

/**
 * The outcome of one prompt on one model.
 *
 * @param promptId              the prompt's label
 * @param answer                the generated text (empty on error)
 * @param maxTokens             the max_tokens sent (capped to the model's context)
 * @param promptTokens          {@code Final.usage.prompt_tokens}
 * @param completionTokens      {@code Final.usage.completion_tokens}
 * @param finishReason          STOP, LENGTH, ... or ERROR
 * @param clientTtftMs          call start to the first chunk, measured by this client
 * @param clientTokensPerSecond tokens after the first chunk over the time from first to last chunk; NaN if &lt; 2 chunks
 * @param serverTtftMs          {@code Final.timings.time_to_first_token_ms}
 * @param serverTokensPerSecond {@code Final.timings.tokens_per_second}
 * @param error                 what went wrong, or empty
 */
public record PromptResult(String promptId, String answer, int maxTokens, int promptTokens, int completionTokens,
        String finishReason, double clientTtftMs, double clientTokensPerSecond, double serverTtftMs,
        double serverTokensPerSecond, String error) {

    /** A prompt that produced no generation. */
    public static PromptResult failed(String promptId, int maxTokens, String error) {
        return new PromptResult(promptId, "", maxTokens, 0, 0, "ERROR", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                error);
    }

    /** Whether the prompt failed before or during generation. */
    public boolean failed() {
        return !error.isEmpty();
    }
}
