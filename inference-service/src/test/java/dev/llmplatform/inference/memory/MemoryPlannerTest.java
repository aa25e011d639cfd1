package dev.llmplatform.inference.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.model.ModelFile;
import dev.llmplatform.inference.model.ModelInspector;
import dev.llmplatform.inference.model.ModelLoadException;
import dev.llmplatform.testsupport.TestAssets;
import org.junit.jupiter.api.Test;

class MemoryPlannerTest {

    private static final long MIB = 1L << 20;

    @Test
    void estimatesKvCacheFromTheRealHeader() throws Exception {
        ModelFile file = ModelInspector.inspect(TestAssets.file("models/stories260K.gguf"));
        MemoryEstimate estimate = MemoryEstimator.estimate(file, 512, 2);
        // 2 (K,V) x 5 layers x 512 x 2 slots x 4 kv heads x (64 / 8) head dim x 2 bytes
        assertEquals(2L * 5 * 512 * 2 * 4 * 8 * 2, estimate.kvCacheBytes());
        assertEquals(file.weightBytes(), estimate.weightBytes());
        assertEquals(64 * MIB + file.weightBytes() / 20, estimate.overheadBytes());
    }

    @Test
    void estimatesTheBenchmarkModel() throws Exception {
        ModelFile file = ModelInspector.inspect(TestAssets.file("models/random-134m-q4_0.gguf"));
        MemoryEstimate estimate = MemoryEstimator.estimate(file, 1024, 1);
        // 2 x 12 layers x 1024 x 12 kv heads x 64 head dim x 2 bytes = 36 MiB
        assertEquals(36 * MIB, estimate.kvCacheBytes());
        assertTrue(estimate.weightBytes() > 60 * MIB && estimate.weightBytes() < 90 * MIB);
    }

    private static ModelFile sevenB() {
        return new ModelFile(java.nio.file.Path.of("m.gguf"), "llama", 32768, 28, 3584, 28, 4, true, true, 1,
                4_700 * MIB, 4_600 * MIB, null);
    }

    @Test
    void aForcedLayerCountThatDoesNotFitTheGpuIsRefused() throws Exception {
        MemoryEstimate estimate = MemoryEstimator.estimate(sevenB(), 8192, 1);
        ModelLoadException refused = assertThrows(ModelLoadException.class,
                () -> MemoryPlanner.plan(sevenB(), estimate, 999, true, 2_000 * MIB, 16_000 * MIB));
        assertTrue(refused.getMessage().startsWith("LLM_GPU_LAYERS=999 puts about"), refused.getMessage());
        assertEquals(29, MemoryPlanner.plan(sevenB(), estimate, 999, true, 80_000 * MIB, 16_000 * MIB).gpuLayers(),
                "clamped to the model's layers when it fits");
        assertEquals(10, MemoryPlanner.plan(sevenB(), estimate, 10, true, 0, 16_000 * MIB).gpuLayers(),
                "free GPU memory unknown (no nvidia-smi): the forced count is trusted");
    }

    @Test
    void cpuOnlyLibraryOffloadsNothing() throws Exception {
        MemoryEstimate estimate = MemoryEstimator.estimate(sevenB(), 8192, 1);
        assertEquals(0, MemoryPlanner.plan(sevenB(), estimate, -1, false, 80_000 * MIB, 16_000 * MIB).gpuLayers());
    }

    @Test
    void everythingGoesToABigEnoughGpu() throws Exception {
        MemoryEstimate estimate = MemoryEstimator.estimate(sevenB(), 8192, 1);
        assertEquals(29, MemoryPlanner.plan(sevenB(), estimate, -1, true, 80_000 * MIB, 16_000 * MIB).gpuLayers());
    }

    @Test
    void aSmallGpuTakesWholeLayersThatFit() throws Exception {
        MemoryEstimate estimate = MemoryEstimator.estimate(sevenB(), 8192, 1);
        int layers = MemoryPlanner.plan(sevenB(), estimate, -1, true, 2_000 * MIB, 16_000 * MIB).gpuLayers();
        assertTrue(layers > 0 && layers < 29, "layers " + layers);
    }

    @Test
    void aModelThatCannotFitIsRefusedWithTheEstimate() {
        MemoryEstimate estimate = MemoryEstimator.estimate(sevenB(), 1_000_000, 1);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> MemoryPlanner.plan(sevenB(), estimate, -1, false, 0, 16_000 * MIB));
        assertTrue(e.getMessage().startsWith("model does not fit in memory: needs weights"), e.getMessage());
        assertTrue(e.getMessage().contains("KV cache 54688 MiB"), e.getMessage());
    }

    @Test
    void parsesNvidiaSmiOutput() {
        assertEquals(81_000 * MIB, SystemMemoryProbe.parseNvidiaSmiMib("81000\n"));
        assertEquals(0, SystemMemoryProbe.parseNvidiaSmiMib("[N/A]"));
    }
}
