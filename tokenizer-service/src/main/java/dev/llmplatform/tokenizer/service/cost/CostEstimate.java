package dev.llmplatform.tokenizer.service.cost;

/**
 * Cost and fit of a chat for one model.
 *
 * @param model the model name
 * @param tokenizer the tokenizer that counted (a served model's own name)
 * @param promptTokens prompt tokens with the chat template applied
 * @param templateTokens the template's own tokens: the count of the same chat rendered with every content empty
 * @param contextLength the context length the fit was checked against
 * @param tokensLeft context length minus prompt tokens, never below 0
 * @param fits whether prompt plus the expected answer fits in the context
 * @param pricesKnown whether both prices are configured; when false the costs are 0 and mean "unknown"
 * @param inputCostUsd prompt cost (0 when prices are unknown)
 * @param outputCostUsd answer cost (0 when prices are unknown)
 * @param templateSource "tokenizer_config.json", "gguf", "override" or "none"
 */
public record CostEstimate(String model, String tokenizer, int promptTokens, int templateTokens, int contextLength,
        int tokensLeft, boolean fits, boolean pricesKnown, double inputCostUsd, double outputCostUsd,
        String templateSource) {
}
