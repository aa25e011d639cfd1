package dev.llmplatform.gateway.backend;

/**
 * A model as its endpoints describe it.
 *
 * @param name               the model's name
 * @param contextLength      context per slot, in tokens
 * @param defaultMaxTokens   max_tokens when a request leaves it out
 * @param readyEndpoints     endpoints that serve it now
 * @param chatTemplateSource where its chat template comes from ("gguf", "override", "none", "broken: ...")
 * @param limits             the bounds its inference service holds requests to
 * @param vocabularySize     tokens in its vocabulary (token ids 0 to vocabularySize - 1); 0 when not known
 */
public record ServedModel(String name, int contextLength, int defaultMaxTokens, int readyEndpoints,
        String chatTemplateSource, GenerationLimits limits, int vocabularySize) {
}
