package dev.llmplatform.inference.model;

import dev.llmplatform.inference.engine.ThreadCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.servicekit.ServedName;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java-side gate in front of native loading: bad files are refused, never handed to llama.cpp. */
class ModelInspectorTest {

    @TempDir
    Path temp;

    @Test
    void readsTheRealModelsFacts() throws Exception {
        ModelFile file = ModelInspector.inspect(TestAssets.file("models/stories260K.gguf"));
        assertEquals("llama", file.architecture());
        assertEquals(5, file.layers());
        assertEquals(64, file.embedding());
        assertEquals(8, file.heads());
        assertEquals(4, file.kvHeads());
        assertEquals(2048, file.trainedContext());
        assertFalse(file.hasChatTemplate());
        assertTrue(file.addsBos());
        assertEquals(1, file.bosId());
        assertTrue(file.weightBytes() > 0 && file.weightBytes() < file.fileSize());
    }

    @Test
    void missingFileIsRefused() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelInspector.inspect(temp.resolve("absent.gguf")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        byte[] full = Files.readAllBytes(TestAssets.file("models/stories260K.gguf"));
        for (int length : new int[] {0, 3, 24, 200, full.length / 2, full.length - 1}) {
            Path cut = temp.resolve("cut-" + length + ".gguf");
            Files.write(cut, Arrays.copyOf(full, length));
            assertThrows(ModelLoadException.class, () -> ModelInspector.inspect(cut), "length " + length);
        }
    }

    @Test
    void corruptHeaderIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(TestAssets.file("models/stories260K.gguf"));
        bytes[0] = 'X';
        Path badMagic = temp.resolve("magic.gguf");
        Files.write(badMagic, bytes);
        assertThrows(ModelLoadException.class, () -> ModelInspector.inspect(badMagic));
        byte[] hugeCount = Files.readAllBytes(TestAssets.file("models/stories260K.gguf"));
        Arrays.fill(hugeCount, 8, 16, (byte) 0x7f);
        Path overflow = temp.resolve("count.gguf");
        Files.write(overflow, hugeCount);
        assertThrows(ModelLoadException.class, () -> ModelInspector.inspect(overflow));
    }

    @Test
    void vocabularyOnlyFileIsRefusedWithAClearReason() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelInspector.inspect(TestAssets.file("gguf-vocab/ggml-vocab-llama-spm.gguf")));
        assertTrue(e.getMessage().contains("vocabulary-only GGUF cannot generate text"), e.getMessage());
    }

    @Test
    void servedNameDefaultsToTheLowerCasedFileName() {
        assertEquals("stories260k", ServedName.of(Optional.empty(), Path.of("/m/stories260K.gguf")));
        assertEquals("mine", ServedName.of(Optional.of(" mine "), Path.of("/m/stories260K.gguf")));
    }

    @Test
    void defaultThreadsFollowTheMeasurement() {
        assertEquals(1, ThreadCount.choose(0, 1));
        assertEquals(1, ThreadCount.choose(0, 2));
        assertEquals(2, ThreadCount.choose(0, 4));
        assertEquals(4, ThreadCount.choose(0, 8));
        assertEquals(3, ThreadCount.choose(3, 2));
    }
}
