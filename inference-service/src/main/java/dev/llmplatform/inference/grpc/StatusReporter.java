package dev.llmplatform.inference.grpc;

import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.generation.GenerationService;
import dev.llmplatform.inference.model.ModelRuntime;
import dev.llmplatform.inference.scheduling.SlotScheduler;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Builds the load report and model information shared by gRPC and REST. Never blocks. */
@ApplicationScoped
public class StatusReporter {

    @Inject
    ModelRuntime runtime;
    @Inject
    GenerationService generations;
    @Inject
    dev.llmplatform.inference.config.InferenceConfig config;

    /** The current load. */
    public LoadReport load() {
        SlotScheduler scheduler = generations.scheduler();
        LoadReport.Builder report = LoadReport.newBuilder()
                .setReady(runtime.ready())
                .setMaxQueue(config.maxQueue())
                .setCancelledTotal(generations.cancelledTotal());
        if (scheduler != null) {
            report.setRunning(scheduler.running()).setWaiting(scheduler.waiting()).setSlots(scheduler.slots());
        }
        return report.build();
    }

    /** The served model (name empty while loading). */
    public ModelInfo modelInfo() {
        ModelInfo.Builder info = ModelInfo.newBuilder().setReady(runtime.ready());
        runtime.engine().ifPresent(engine -> {
            ModelFacts facts = engine.facts();
            info.setName(facts.name())
                    .setContextLength(facts.contextPerSlot())
                    .setSlots(facts.slots())
                    .setHasChatTemplate(facts.hasChatTemplate())
                    .setFileSizeBytes(facts.fileSizeBytes())
                    .setGpuLayers(facts.gpuLayers());
        });
        if (runtime.defaults() != null) {
            info.setDefaultMaxTokens(runtime.defaults().maxTokens());
        }
        return info.build();
    }
}
