package dev.llmplatform.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.inference.engine.EmbeddingPooling;
import dev.llmplatform.testsupport.TestAssets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingPoolingChoiceTest {

    @TempDir
    Path dir;

    @Test
    void aDecoderModelWithoutPoolingMetadataPoolsItsLastToken() throws Exception {
        GgufFile stories = GgufFile.read(TestAssets.file("models/stories260K.gguf"));
        assertTrue(stories.getLong("llama.pooling_type").isEmpty(), "the asset was expected to have no pooling key");
        assertEquals(EmbeddingPooling.LAST, EmbeddingPoolingChoice.choose(Optional.empty(), stories));
        assertEquals(EmbeddingPooling.LAST, EmbeddingPoolingChoice.choose(Optional.of(" "), stories));
    }

    @Test
    void theConfiguredPoolingWinsOverTheFile() throws Exception {
        GgufFile mean = header(1);
        assertEquals(EmbeddingPooling.CLS, EmbeddingPoolingChoice.choose(Optional.of(" CLS "), mean));
        assertEquals(EmbeddingPooling.LAST, EmbeddingPoolingChoice.choose(Optional.of("last"), mean));
    }

    @Test
    void theFilesPoolingIsUsedWhenItCanBeServed() throws Exception {
        assertEquals(EmbeddingPooling.CLS, EmbeddingPoolingChoice.choose(Optional.empty(), header(2)));
        assertEquals(EmbeddingPooling.LAST, EmbeddingPoolingChoice.choose(Optional.empty(), header(3)));
    }

    @Test
    void poolingsTheEngineCannotServeAreRefusedWithTheWayOut() throws Exception {
        assertRefused(Optional.empty(), header(1), "the GGUF's llama.pooling_type asks for mean pooling",
                "set LLM_EMBEDDING_POOLING to cls or last");
        assertRefused(Optional.empty(), header(0), "asks for no pooling", "LLM_EMBEDDING_POOLING");
        assertRefused(Optional.empty(), header(4), "the model is a reranker", "rank pooling");
        assertRefused(Optional.empty(), header(9), "llama.pooling_type is 9, not a pooling llama.cpp knows",
                "LLM_EMBEDDING_POOLING");
        assertRefused(Optional.of("mean"), header(3), "LLM_EMBEDDING_POOLING asks for mean pooling", "cls or last");
        assertRefused(Optional.of("max"), header(3), "LLM_EMBEDDING_POOLING is \"max\"", "cls or last");
    }

    private static void assertRefused(Optional<String> configured, GgufFile gguf, String... parts) {
        ModelLoadException refused = assertThrows(ModelLoadException.class,
                () -> EmbeddingPoolingChoice.choose(configured, gguf));
        for (String part : parts) {
            assertTrue(refused.getMessage().contains(part), refused.getMessage());
        }
    }

    /** A GGUF v3 header with no tensors: general.architecture = llama and llama.pooling_type = the value. */
    private GgufFile header(int pooling) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.write(le(4).putInt(3).array());
        out.write(le(8).putLong(0).array());
        out.write(le(8).putLong(2).array());
        string(out, "general.architecture");
        out.write(le(4).putInt(8).array());
        string(out, "llama");
        string(out, "llama.pooling_type");
        out.write(le(4).putInt(4).array());
        out.write(le(4).putInt(pooling).array());
        Path file = dir.resolve("pooling-" + pooling + ".gguf");
        Files.write(file, out.toByteArray());
        return GgufFile.read(file);
    }

    private static void string(ByteArrayOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(le(8).putLong(bytes.length).array());
        out.write(bytes);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
