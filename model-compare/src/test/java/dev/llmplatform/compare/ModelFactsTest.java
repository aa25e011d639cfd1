package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Expected values were read from the files with an independent Python GGUF reader (sum of tensor dimensions). */
class ModelFactsTest {

    @Test
    void stories260K() throws Exception {
        ModelFacts facts = ModelFacts.read(TestAssets.file("models/stories260K.gguf"));
        assertEquals("stories260K", facts.name());
        assertEquals("llama", facts.generalName());
        assertEquals("llama", facts.architecture());
        assertEquals(292_800, facts.parameters());
        assertEquals(48, facts.tensorCount());
        assertEquals(OptionalLong.of(5), facts.layers());
        assertEquals(OptionalLong.of(2048), facts.contextLength());
        assertEquals(1_185_376, facts.fileSize());
        assertTrue(facts.hasWeights());
    }

    @Test
    void random134mQ4() throws Exception {
        ModelFacts facts = ModelFacts.read(TestAssets.file("models/random-134m-q4_0.gguf"));
        assertEquals("random-134m-q4_0", facts.name());
        assertEquals(134_105_856, facts.parameters());
        assertEquals(111, facts.tensorCount());
        assertEquals(OptionalLong.of(12), facts.layers());
        assertEquals(OptionalLong.of(128), facts.contextLength());
        assertEquals(82_566_944, facts.fileSize());
        assertEquals("Q4_0", facts.quantisation().name());
    }

    @Test
    void vocabularyOnlyFilesAreSkippedWithANote() {
        Path vocab = TestAssets.file("gguf-vocab/ggml-vocab-gpt-2.gguf");
        Path model = TestAssets.file("models/stories260K.gguf");
        ModelSelection selection = ModelSelection.of(List.of(vocab, model, model));
        assertEquals(1, selection.models().size());
        assertEquals("stories260K", selection.models().get(0).name());
        assertEquals(1, selection.skipped().size());
        assertTrue(selection.skipped().get(0).contains("vocabulary-only"), selection.skipped().get(0));
    }

    @Test
    void unreadableFilesAreSkippedWithTheReason() throws Exception {
        Path notGguf = Files.createTempFile("not-a-model", ".gguf");
        try {
            Files.writeString(notGguf, "hello");
            ModelSelection selection = ModelSelection.of(List.of(notGguf));
            assertFalse(selection.skipped().isEmpty());
            assertTrue(selection.models().isEmpty());
            assertTrue(selection.skipped().get(0).contains("not a readable GGUF model"), selection.skipped().get(0));
        } finally {
            Files.delete(notGguf);
        }
    }
}
