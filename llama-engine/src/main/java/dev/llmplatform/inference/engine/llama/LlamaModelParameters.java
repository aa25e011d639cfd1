package dev.llmplatform.inference.engine.llama;

import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.PoolingType;
import dev.llmplatform.inference.engine.EmbeddingPooling;
import java.nio.file.Path;

/**
 * The binding's load parameters for a model served the platform's way, in one place for the inference service, the
 * benchmark's in-process baseline and the engine tests: context per slot × slots, one thread count for decode and
 * batch, no context shift (the service keeps prompt + max_tokens within a slot, so the engine never drops the middle
 * of a prompt silently), flash attention as chosen ({@link FlashAttentionDefault}), llama.cpp's own log paused
 * unless asked for, because its log thread is woken for every decoded token (docs/adr/0005-native-log-paused.md), and
 * no warm-up decode in the constructor: it would run on the constructing thread, whose OpenMP worker pool then outlives
 * it beside the decode thread's own, and with more OpenMP workers than cores libgomp stops spinning at ggml's barriers
 * (docs/adr/0003-decode-threads.md). The service warms the model up through its decode thread instead.
 */
public final class LlamaModelParameters {

    private LlamaModelParameters() {
    }

    /**
     * @param contextPerSlot tokens of context per slot; llama.cpp gets {@code contextPerSlot × slots}
     * @param nativeLog      whether llama.cpp prints its own log to stdout
     */
    public static ModelParameters of(Path gguf, int contextPerSlot, int slots, int threads, int gpuLayers,
                                     boolean flashAttention, boolean nativeLog) {
        ModelParameters parameters = new ModelParameters()
                .setModel(gguf.toString())
                .setCtxSize(contextPerSlot * slots)
                .setParallel(slots)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .setGpuLayers(gpuLayers)
                .disableContextShift()
                .skipWarmup();
        if (flashAttention) {
            parameters.enableFlashAttn();
        }
        if (!nativeLog) {
            parameters.disableLog();
        }
        return parameters;
    }

    /**
     * The parameters, changed to load the model for embeddings: llama.cpp computes pooled embeddings with the given
     * pooling, and its batch holds a whole slot's context, because an embedding's input is evaluated in one batch
     * (llama.cpp refuses a longer one).
     */
    public static ModelParameters forEmbeddings(ModelParameters parameters, EmbeddingPooling pooling,
                                                int contextPerSlot) {
        return parameters.enableEmbedding()
                .setPoolingType(pooling == EmbeddingPooling.CLS ? PoolingType.CLS : PoolingType.LAST)
                .setBatchSize(contextPerSlot)
                .setUbatchSize(contextPerSlot);
    }
}
