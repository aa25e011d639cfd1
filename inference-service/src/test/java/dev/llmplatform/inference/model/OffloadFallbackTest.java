package dev.llmplatform.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.engine.FakeTextEngine;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.memory.MemoryEstimate;
import dev.llmplatform.inference.memory.MemoryPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffloadFallbackTest {

    private static final long MIB = 1L << 20;
    private static final MemoryEstimate ESTIMATE = new MemoryEstimate(3_000 * MIB, 1_000 * MIB, 100 * MIB);
    private final TextEngine engine = new FakeTextEngine(List.of());

    /** A loader that fails ("CUDA out of memory") above a number of GPU layers. */
    private OffloadFallback.Loader failingAbove(int most, List<Integer> tried) {
        return layers -> {
            tried.add(layers);
            if (layers > most) {
                throw new ModelLoadException("CUDA error: out of memory");
            }
            return engine;
        };
    }

    @Test
    void aPlanThatLoadsIsKept() throws Exception {
        MemoryPlan plan = new MemoryPlan(ESTIMATE, 33, 8_000 * MIB, 16_000 * MIB);
        List<Integer> tried = new ArrayList<>();
        OffloadFallback.Loaded loaded = OffloadFallback.load(plan, 33, failingAbove(33, tried));
        assertSame(plan, loaded.plan());
        assertEquals(List.of(33), tried);
        assertEquals("", loaded.plan().fallback());
    }

    @Test
    void aGpuLoadThatFailsIsRetriedWithFewerLayersThenOnTheCpu() throws Exception {
        MemoryPlan plan = new MemoryPlan(ESTIMATE, 32, 8_000 * MIB, 16_000 * MIB);
        List<Integer> tried = new ArrayList<>();
        OffloadFallback.Loaded halved = OffloadFallback.load(plan, 33, failingAbove(20, tried));
        assertEquals(List.of(32, 16), tried);
        assertEquals(16, halved.plan().gpuLayers());
        assertTrue(halved.plan().fallback().startsWith("loading with 32 GPU layers failed (CUDA error: out of memory)"),
                halved.plan().fallback());

        tried.clear();
        OffloadFallback.Loaded cpu = OffloadFallback.load(plan, 33, failingAbove(0, tried));
        assertEquals(List.of(32, 16, 8, 4, 2, 1, 0), tried);
        assertEquals(0, cpu.plan().gpuLayers());
        assertTrue(cpu.plan().fallback().endsWith("loaded with 0 layers on the GPU"), cpu.plan().fallback());
    }

    @Test
    void noFallbackWhenTheHostCannotHoldWhatTheGpuGivesBack() {
        MemoryPlan plan = new MemoryPlan(ESTIMATE, 33, 8_000 * MIB, 1_000 * MIB);
        ModelLoadException refused = assertThrows(ModelLoadException.class,
                () -> OffloadFallback.load(plan, 33, failingAbove(0, new ArrayList<>())));
        assertTrue(refused.getMessage().contains("the host would need"), refused.getMessage());
    }

    @Test
    void aCpuLoadThatFailsIsRefusedAsItWas() {
        MemoryPlan plan = new MemoryPlan(ESTIMATE, 0, 0, 16_000 * MIB);
        ModelLoadException refused = assertThrows(ModelLoadException.class,
                () -> OffloadFallback.load(plan, 33, layers -> {
                    throw new ModelLoadException("the engine could not load m.gguf");
                }));
        assertEquals("the engine could not load m.gguf", refused.getMessage());
    }
}
