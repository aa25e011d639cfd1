package dev.llmplatform.inference.model;

import dev.llmplatform.inference.catalogue.CatalogueEntry;
import dev.llmplatform.inference.catalogue.ModelCatalogue;
import dev.llmplatform.inference.catalogue.ModelDownloader;
import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.gguf.GgufFormatException;
import dev.llmplatform.gguf.GgufTokenizer;
import dev.llmplatform.gguf.GgufVocabulary;
import dev.llmplatform.inference.engine.EmbeddingPooling;
import dev.llmplatform.inference.engine.PieceIds;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.llama.FlashAttentionDefault;
import dev.llmplatform.inference.memory.HostMemory;
import dev.llmplatform.inference.memory.MemoryEstimate;
import dev.llmplatform.inference.memory.MemoryEstimator;
import dev.llmplatform.inference.memory.MemoryPlan;
import dev.llmplatform.inference.memory.MemoryPlanner;
import dev.llmplatform.inference.memory.SystemMemoryProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Start-up sequence: resolve the file ({@code LLM_MODEL}, else the catalogue entry {@code LLM_MODEL_ID}, downloaded
 * and verified), validate it in Java, resolve settings, plan memory (refusing what cannot fit), then load it
 * natively.
 */
public final class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private ModelLoader() {
    }

    /** Loads the configured model or explains why it cannot be served. */
    public static LoadedModel load(InferenceConfig config, ModelCatalogue catalogue) throws ModelLoadException {
        Optional<CatalogueEntry> entry = Optional.empty();
        Path path;
        Optional<String> configuredPath = config.model().path().filter(p -> !p.isBlank());
        Optional<String> id = config.model().id().filter(i -> !i.isBlank());
        if (configuredPath.isPresent()) {
            path = Path.of(configuredPath.get());
            entry = id.flatMap(catalogue::find);
        } else if (id.isPresent()) {
            entry = catalogue.find(id.get());
            if (entry.isEmpty()) {
                throw new ModelLoadException("LLM_MODEL_ID \"" + id.get() + "\" is not in the catalogue; known: "
                        + catalogue.entries().keySet());
            }
            path = downloader(config).fetch(entry.get());
        } else {
            throw new ModelLoadException("no model configured: set LLM_MODEL to a GGUF file or LLM_MODEL_ID to a "
                    + "catalogue entry");
        }
        ModelFile file = ModelInspector.inspect(path);
        LOG.infof("validated %s: %s, %d layers, width %d, %d/%d heads, trained context %d, %s chat template",
                path.getFileName(), file.architecture(), file.layers(), file.embedding(), file.heads(),
                file.kvHeads(), file.trainedContext(), file.hasChatTemplate() ? "with" : "no");
        LoadSettings settings = ModelSettingsResolver.resolve(config, entry, file,
                Runtime.getRuntime().availableProcessors());
        boolean gpuCapable = config.nativeLibPath().filter(p -> !p.isBlank()).isPresent();
        MemoryEstimate estimate = MemoryEstimator.estimate(file, settings.contextPerSlot(), settings.slots());
        HostMemory host = HostMemory.read();
        LOG.infof("host memory: %s", host.describe());
        MemoryPlan plan = MemoryPlanner.plan(file, estimate, config.gpuLayers(), gpuCapable,
                gpuCapable ? SystemMemoryProbe.gpuFreeBytes() : 0, host.availableBytes());
        LOG.infof("memory plan for %s: %s", settings.name(), plan.describe());
        Optional<EmbeddingPooling> embedding = config.embedding().enabled()
                ? Optional.of(EmbeddingPoolingChoice.choose(config.embedding().pooling(), file.gguf()))
                : Optional.empty();
        ChatPrompts chats = ChatPrompts.of(file.gguf(), templateOverride(config, entry));
        LOG.infof("chat template of %s: %s", settings.name(), chats.source());
        OffloadFallback.Loaded loaded = OffloadFallback.load(plan, file.layers() + 1, layers ->
                LlamaEngineLoader.load(file, new LoadSettings(settings.name(), settings.contextPerSlot(),
                        settings.slots(), settings.threads(), layers,
                        FlashAttentionDefault.choose(config.flashAttention(), layers), settings.nativeLog()),
                        chats.templated(), config.promptCache(), embedding));
        return new LoadedModel(loaded.engine(), loaded.plan(), entry, chats, pieceIds(file));
    }

    /** The token id each generated piece names, from the file's vocabulary (none when it cannot be read in Java). */
    private static PieceIds pieceIds(ModelFile file) {
        try {
            GgufTokenizer tokenizer = GgufTokenizer.create(GgufVocabulary.from(file.gguf()));
            return PieceIds.of(IntStream.range(0, tokenizer.vocabSize()).mapToObj(tokenizer::piece).toList(),
                    tokenizer.vocabulary().tokenTypes());
        } catch (GgufFormatException | RuntimeException e) {
            LOG.warnf("the vocabulary's pieces cannot be read (%s): the prompt cache accounts prompts only",
                    e.getMessage());
            return PieceIds.none();
        }
    }

    /** {@code LLM_CHAT_TEMPLATE_FILE}, else the catalogue entry's template, else none (the file's own is used). */
    private static Optional<String> templateOverride(InferenceConfig config, Optional<CatalogueEntry> entry)
            throws ModelLoadException {
        Optional<String> file = config.chatTemplateFile().filter(f -> !f.isBlank());
        if (file.isPresent()) {
            try {
                return Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw new ModelLoadException("LLM_CHAT_TEMPLATE_FILE " + file.get() + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        return entry.map(CatalogueEntry::chatTemplate).filter(t -> !t.isBlank());
    }

    private static ModelDownloader downloader(InferenceConfig config) {
        InferenceConfig.Hub hub = config.hub();
        Path hfHome = hub.home().filter(h -> !h.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "huggingface"));
        return new ModelDownloader(hub.endpoint(), hfHome, hub.token(), hub.allowUnverified(), hub.offline());
    }
}
