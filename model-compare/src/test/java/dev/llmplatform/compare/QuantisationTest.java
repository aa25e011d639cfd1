package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gguf.GgmlType;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufTensorInfo;
import dev.llmplatform.testsupport.TestAssets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuantisationTest {

    @Test
    void mapsLlamaFileTypesToTheirNames() {
        assertEquals(Optional.of("F32"), Quantisation.fileTypeName(0));
        assertEquals(Optional.of("F16"), Quantisation.fileTypeName(1));
        assertEquals(Optional.of("Q4_0"), Quantisation.fileTypeName(2));
        assertEquals(Optional.of("Q8_0"), Quantisation.fileTypeName(7));
        assertEquals(Optional.of("Q4_K_M"), Quantisation.fileTypeName(15));
        assertEquals(Optional.of("Q6_K"), Quantisation.fileTypeName(18));
        assertEquals(Optional.of("IQ4_XS"), Quantisation.fileTypeName(30));
        assertEquals(Optional.of("BF16"), Quantisation.fileTypeName(32));
        assertEquals(Optional.of("TQ2_0"), Quantisation.fileTypeName(37));
    }

    @Test
    void marksGuessedFileTypesAndRejectsRemovedOrUnknownOnes() {
        assertEquals(Optional.of("Q4_K_M (guessed)"), Quantisation.fileTypeName(1024 + 15));
        assertEquals(Optional.empty(), Quantisation.fileTypeName(4));
        assertEquals(Optional.empty(), Quantisation.fileTypeName(34));
        assertEquals(Optional.empty(), Quantisation.fileTypeName(38));
        assertEquals(Optional.empty(), Quantisation.fileTypeName(-1));
    }

    @Test
    void dominantTypeCountsElementsOfMatricesOnly() {
        List<GgufTensorInfo> tensors = List.of(
                new GgufTensorInfo("norm", new long[] {100_000}, GgmlType.F32, 0, 400_000),
                new GgufTensorInfo("big", new long[] {256, 256}, GgmlType.Q4_K, 0, 36_864),
                new GgufTensorInfo("small", new long[] {256, 16}, GgmlType.Q6_K, 0, 3_360));
        assertEquals(Optional.of(GgmlType.Q4_K), Quantisation.dominantType(tensors));
        assertEquals(Optional.of(GgmlType.F32), Quantisation.dominantType(List.of(tensors.get(0))));
        assertTrue(Quantisation.dominantType(List.of()).isEmpty());
    }

    @Test
    void realQuantisedModelIsNamedFromItsFileType() throws Exception {
        // random-134m-q4_0.gguf: general.file_type = 2; its matrices are Q4_0 except token_embd (Q6_K).
        Quantisation q = Quantisation.of(GgufFile.read(TestAssets.file("models/random-134m-q4_0.gguf")));
        assertEquals(new Quantisation("Q4_0", Quantisation.FROM_FILE_TYPE), q);
    }

    @Test
    void realModelWithoutFileTypeFallsBackToTheDominantTensorType() throws Exception {
        // stories260K.gguf has no general.file_type; all 48 tensors are F32.
        Quantisation q = Quantisation.of(GgufFile.read(TestAssets.file("models/stories260K.gguf")));
        assertEquals(new Quantisation("F32", Quantisation.FROM_DOMINANT_TENSOR), q);
    }
}
