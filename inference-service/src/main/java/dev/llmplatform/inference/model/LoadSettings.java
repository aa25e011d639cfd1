package dev.llmplatform.inference.model;

/**
 * The resolved settings a model is loaded with.
 *
 * @param name           served name
 * @param contextPerSlot tokens of context per slot
 * @param slots          slots
 * @param threads        native threads
 * @param gpuLayers      layers to offload
 * @param chatTemplate   a template overriding the file's, or null
 * @param flashAttention whether the engine uses flash attention
 * @param nativeLog      whether llama.cpp prints its own log
 */
public record LoadSettings(String name, int contextPerSlot, int slots, int threads, int gpuLayers,
                           String chatTemplate, boolean flashAttention, boolean nativeLog) {
}
