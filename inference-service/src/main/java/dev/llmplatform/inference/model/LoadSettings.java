package dev.llmplatform.inference.model;

/**
 * The resolved settings a model is loaded with.
 *
 * @param name           served name
 * @param contextPerSlot tokens of context per slot
 * @param slots          slots
 * @param threads        native threads
 * @param gpuLayers      layers to offload
 * @param flashAttention whether the engine uses flash attention
 * @param nativeLog      whether llama.cpp prints its own log
 */
public record LoadSettings(String name, int contextPerSlot, int slots, int threads, int gpuLayers,
                           boolean flashAttention, boolean nativeLog) {
}
