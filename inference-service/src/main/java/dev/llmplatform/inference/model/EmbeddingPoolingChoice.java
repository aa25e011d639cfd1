package dev.llmplatform.inference.model;

import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.inference.engine.EmbeddingPooling;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Chooses how a model loaded for embeddings pools its token states: the configured pooling
 * ({@code LLM_EMBEDDING_POOLING}) when set, else the GGUF's {@code <arch>.pooling_type}, else {@code last} (a file
 * without the key is a decoder model, whose last token has seen the whole input). A pooling the engine cannot serve
 * is refused before any native code runs: llama.cpp's mean pooling aborts the process in the bundled build
 * (docs/adr/0014-embedding-pods.md), "none" gives one vector per token and "rank" is a reranker's.
 */
public final class EmbeddingPoolingChoice {

    /** llama.cpp's {@code enum llama_pooling_type}, as GGUF files store it. */
    private static final String[] GGUF_NAMES = {"none", "mean", "cls", "last", "rank"};

    private EmbeddingPoolingChoice() {
    }

    /** The pooling to load the model with, or the reason it cannot be served for embeddings. */
    public static EmbeddingPooling choose(Optional<String> configured, GgufFile gguf) throws ModelLoadException {
        Optional<String> setting = configured.map(String::strip).filter(p -> !p.isEmpty());
        if (setting.isPresent()) {
            return servable(setting.get().toLowerCase(Locale.ROOT), "LLM_EMBEDDING_POOLING");
        }
        String key = gguf.architecture() + ".pooling_type";
        OptionalLong stored;
        try {
            stored = gguf.getLong(key);
        } catch (RuntimeException notANumber) {
            throw new ModelLoadException("the GGUF's " + key + " is not a number; set LLM_EMBEDDING_POOLING to cls or"
                    + " last", notANumber);
        }
        if (stored.isEmpty()) {
            return EmbeddingPooling.LAST;
        }
        long value = stored.getAsLong();
        if (value < 0 || value >= GGUF_NAMES.length) {
            throw new ModelLoadException("the GGUF's " + key + " is " + value + ", not a pooling llama.cpp knows;"
                    + " set LLM_EMBEDDING_POOLING to cls or last");
        }
        return servable(GGUF_NAMES[(int) value], "the GGUF's " + key);
    }

    private static EmbeddingPooling servable(String pooling, String source) throws ModelLoadException {
        return switch (pooling) {
            case "cls" -> EmbeddingPooling.CLS;
            case "last" -> EmbeddingPooling.LAST;
            case "mean" -> throw new ModelLoadException(source + " asks for mean pooling, which the bundled llama.cpp"
                    + " cannot compute without aborting the process; set LLM_EMBEDDING_POOLING to cls or last if the"
                    + " model was trained for one of them");
            case "none" -> throw new ModelLoadException(source + " asks for no pooling (a vector per token), which is"
                    + " not one embedding per input; set LLM_EMBEDDING_POOLING to cls or last");
            case "rank" -> throw new ModelLoadException(source + " asks for rank pooling: the model is a reranker,"
                    + " not an embedding model");
            default -> throw new ModelLoadException(source + " is \"" + pooling + "\"; it must be cls or last");
        };
    }
}
