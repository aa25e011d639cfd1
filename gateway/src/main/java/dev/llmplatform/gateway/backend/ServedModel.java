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
 * @param embeddingLength    floats in its embeddings when its endpoints embed (they then do not generate); 0 when
 *                           they generate
 * @param pooling            how its embeddings pool token states ("last", "cls"); empty when it generates
 * @param maxEmbeddingInputs most inputs of one embeddings request; 0 when it generates
 */
public record ServedModel(String name, int contextLength, int defaultMaxTokens, int readyEndpoints,
        String chatTemplateSource, GenerationLimits limits, int vocabularySize, int embeddingLength, String pooling,
        int maxEmbeddingInputs) {

    /** Whether its endpoints serve embeddings (and not chat or completions). */
    public boolean embeds() {
        return embeddingLength > 0;
    }
}
