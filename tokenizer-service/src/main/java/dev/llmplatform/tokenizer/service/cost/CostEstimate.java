package dev.llmplatform.tokenizer.service.cost;

/**
 * Cost and fit of a chat for one model.
 *
 * @param model the model name
 * @param tokenizer the tokenizer that counted
 * @param promptTokens prompt tokens with the chat template applied
 * @param templateTokens the template's own tokens: the count of the same chat rendered with every content empty
 * @param contextLength the model's context length
 * @param tokensLeft context length minus prompt tokens, never below 0
 * @param fits whether prompt plus the expected answer fits in the context
 * @param inputCostUsd prompt cost
 * @param outputCostUsd answer cost
 * @param templateSource "tokenizer_config.json", "gguf" or "none"
 */
public record CostEstimate(String model, String tokenizer, int promptTokens, int templateTokens, int contextLength,
        int tokensLeft, boolean fits, double inputCostUsd, double outputCostUsd, String templateSource) {
}
