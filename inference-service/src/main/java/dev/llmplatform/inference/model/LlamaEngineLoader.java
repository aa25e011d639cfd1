package dev.llmplatform.inference.model;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.llmplatform.inference.engine.EmbeddingPooling;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.llama.LlamaModelParameters;
import dev.llmplatform.inference.engine.llama.LlamaTextEngine;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Loads a validated GGUF file into de.kherud:llama with the platform's load parameters ({@link LlamaModelParameters}:
 * no context shift, llama.cpp's own log only when {@link LoadSettings#nativeLog()} is on). The service renders chats
 * itself ({@link ChatPrompts}) and sends token ids, so the engine is given a built-in template name in place of the
 * model's: its own template code never parses (and can never fail on) the model's template.
 */
public final class LlamaEngineLoader {

    private static final Logger LOG = Logger.getLogger(LlamaEngineLoader.class);

    private LlamaEngineLoader() {
    }

    /** The template name the engine gets instead of the model's (llama.cpp's built-in ChatML). */
    static final String ENGINE_TEMPLATE = "chatml";

    /**
     * Loads the model; throws {@link ModelLoadException} when the engine refuses it.
     *
     * @param templated   whether the service renders this model's chats with a template
     * @param cachePrompt whether slots keep their cells for the next prompt (docs/adr/0011-prompt-cache.md)
     * @param embedding   the pooling when the model is loaded for embeddings; empty when it is loaded to generate
     */
    public static TextEngine load(ModelFile file, LoadSettings settings, boolean templated, boolean cachePrompt,
                                  Optional<EmbeddingPooling> embedding) throws ModelLoadException {
        ModelParameters parameters = LlamaModelParameters.of(file.path(), settings.contextPerSlot(), settings.slots(),
                settings.threads(), settings.gpuLayers(), settings.flashAttention(), settings.nativeLog());
        parameters.setChatTemplate(ENGINE_TEMPLATE);
        embedding.ifPresent(pooling -> LlamaModelParameters.forEmbeddings(parameters, pooling,
                settings.contextPerSlot()));
        LOG.infof("loading %s: context %d per slot x %d slots, %d threads, %d GPU layers, flash attention %s,"
                + " llama.cpp log %s", file.path().getFileName(), settings.contextPerSlot(), settings.slots(),
                settings.threads(), settings.gpuLayers(), settings.flashAttention() ? "on" : "off",
                settings.nativeLog() ? "on" : "off (LLM_NATIVE_LOG=true shows it)");
        embedding.ifPresent(pooling -> LOG.infof("loading %s for embeddings, %s pooling", file.path().getFileName(),
                pooling.label()));
        LlamaModel model;
        try {
            model = new LlamaModel(parameters);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ModelLoadException("the engine could not load " + file.path().getFileName() + ": "
                    + e.getMessage() + (settings.nativeLog() ? "" : " (LLM_NATIVE_LOG=true prints llama.cpp's reason)"),
                    e);
        }
        ModelFacts facts = new ModelFacts(settings.name(), settings.contextPerSlot(), settings.slots(), templated,
                file.addsBos() && file.bosId() >= 0, file.bosId(), file.fileSize(), settings.gpuLayers(),
                file.vocabularySize(), embedding.isPresent() ? file.embedding() : 0, embedding.orElse(null));
        return new LlamaTextEngine(model, facts, cachePrompt);
    }
}
