package dev.llmplatform.inference.grpc;

import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.model.ServiceState;
import dev.llmplatform.inference.request.RequestLimits;
import dev.llmplatform.inference.scheduling.SlotScheduler;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the load report and model information shared by gRPC and REST from one read of the state. Never blocks. */
@ApplicationScoped
public class StatusReporter {

    private final ServedModel model;
    private final InferenceConfig config;

    StatusReporter(ServedModel model, InferenceConfig config) {
        this.model = model;
        this.config = config;
    }

    /** The current load. */
    public LoadReport load() {
        ServiceState state = model.state();
        LoadReport.Builder report = LoadReport.newBuilder()
                .setReady(state instanceof ServiceState.Ready)
                .setMaxQueue(config.maxQueue());
        state.loadedSession().ifPresent(session -> {
            SlotScheduler scheduler = session.scheduler();
            report.setRunning(scheduler.running()).setWaiting(scheduler.waiting()).setSlots(scheduler.slots())
                    .setCancelledTotal(session.metrics().cancelledTotal());
        });
        return report.build();
    }

    /** The served model (name empty while loading). */
    public ModelInfo modelInfo() {
        ServiceState state = model.state();
        ModelInfo.Builder info = ModelInfo.newBuilder().setReady(state instanceof ServiceState.Ready);
        state.loadedSession().ifPresent(session -> {
            ModelFacts facts = session.engine().facts();
            info.setName(facts.name())
                    .setContextLength(facts.contextPerSlot())
                    .setSlots(facts.slots())
                    .setHasChatTemplate(facts.hasChatTemplate())
                    .setFileSizeBytes(facts.fileSizeBytes())
                    .setGpuLayers(facts.gpuLayers())
                    .setVocabularySize(facts.vocabularySize())
                    .setDefaultMaxTokens(session.defaults().maxTokens())
                    .setLimits(RequestLimits.published(facts.contextPerSlot()))
                    .setChatTemplateSource(session.chats().source())
                    .setOffloadFallback(session.plan().fallback());
            if (facts.embeds()) {
                info.setEmbeddingLength(facts.embeddingLength()).setPooling(facts.pooling().label())
                        .setMaxEmbeddingInputs(config.embedding().maxInputs());
            }
        });
        return info.build();
    }
}
