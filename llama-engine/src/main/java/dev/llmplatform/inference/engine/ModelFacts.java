package dev.llmplatform.inference.engine;

/**
 * What the service knows about the loaded model.
 *
 * @param name            the served model name
 * @param contextPerSlot  tokens of context each slot has
 * @param slots           requests decoded together
 * @param hasChatTemplate whether prompts for chats are rendered with a template
 * @param addsBos         whether the engine puts a BOS token before every prompt
 * @param bosId           the BOS token id, or -1 when the model has none
 * @param fileSizeBytes   size of the GGUF file
 * @param gpuLayers       layers offloaded to a GPU; 0 on CPU
 * @param vocabularySize  tokens in the vocabulary (ids 0 to vocabularySize - 1); 0 when not known
 * @param embeddingLength floats in an embedding when the model was loaded for embeddings; 0 when it generates
 * @param pooling         the pooling of a model loaded for embeddings; null when it generates
 */
public record ModelFacts(String name, int contextPerSlot, int slots, boolean hasChatTemplate, boolean addsBos, int bosId,
                         long fileSizeBytes, int gpuLayers, int vocabularySize, int embeddingLength,
                         EmbeddingPooling pooling) {

    /** Facts of a model loaded to generate. */
    public ModelFacts(String name, int contextPerSlot, int slots, boolean hasChatTemplate, boolean addsBos, int bosId,
                      long fileSizeBytes, int gpuLayers, int vocabularySize) {
        this(name, contextPerSlot, slots, hasChatTemplate, addsBos, bosId, fileSizeBytes, gpuLayers, vocabularySize,
                0, null);
    }

    /** Facts without a known vocabulary size. */
    public ModelFacts(String name, int contextPerSlot, int slots, boolean hasChatTemplate, boolean addsBos, int bosId,
                      long fileSizeBytes, int gpuLayers) {
        this(name, contextPerSlot, slots, hasChatTemplate, addsBos, bosId, fileSizeBytes, gpuLayers, 0);
    }

    /** Whether the model was loaded for embeddings (it embeds and does not generate). */
    public boolean embeds() {
        return embeddingLength > 0;
    }
}
