package dev.llmplatform.inference.model;

import dev.llmplatform.inference.engine.PieceIds;
import dev.llmplatform.inference.engine.PromptCache;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.memory.MemoryPlan;
import dev.llmplatform.inference.metrics.ModelMetrics;
import dev.llmplatform.inference.request.GenerationValidator;
import dev.llmplatform.inference.request.PromptBuilder;
import dev.llmplatform.inference.request.SamplingDefaults;
import dev.llmplatform.inference.scheduling.SlotScheduler;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Everything a loaded model serves requests with, built once by the loader and never changed.
 *
 * @param engine    the engine
 * @param plan      the memory plan it was loaded with
 * @param defaults  sampling defaults for fields a request leaves unset
 * @param prompts   turns chats into this model's prompts
 * @param validator turns raw requests into validated generations for this model
 * @param scheduler admits generations and runs them on the engine's slots
 * @param metrics   the model's metrics
 * @param pieces    the token id each generated piece stands for
 */
public record ModelSession(TextEngine engine, MemoryPlan plan, SamplingDefaults defaults, ChatPrompts chats,
                           PromptBuilder prompts, GenerationValidator validator, SlotScheduler scheduler,
                           ModelMetrics metrics, PieceIds pieces) {

    /**
     * A session over a loaded model, with a scheduler of the engine's slots kept by the prompt-cache policy and
     * {@code maxQueue} waiting places, and its metrics registered in {@code registry}.
     */
    public static ModelSession open(LoadedModel loaded, SamplingDefaults defaults, int maxQueue,
                                    PromptCache.Policy cachePolicy, MeterRegistry registry) {
        TextEngine engine = loaded.engine();
        PromptBuilder prompts = new PromptBuilder(loaded.chats());
        SlotScheduler scheduler = new SlotScheduler(engine.facts().slots(), maxQueue, cachePolicy);
        ModelMetrics metrics = new ModelMetrics(registry, engine.facts().name(), scheduler,
                engine.facts().contextPerSlot());
        scheduler.connect(engine::clear, metrics::slotHolds);
        return new ModelSession(engine, loaded.plan(), defaults, loaded.chats(), prompts,
                new GenerationValidator(engine, prompts, defaults), scheduler, metrics, loaded.pieces());
    }
}
