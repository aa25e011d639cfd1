package dev.llmplatform.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real GGUF files of the test assets and checks values verified against the files. */
class GgufFileTest {

    @Test
    void readsStories260K() throws Exception {
        Path path = TestAssets.file("models/stories260K.gguf");
        GgufFile gguf = GgufFile.read(path);

        assertEquals(3, gguf.version());
        assertEquals("llama", gguf.architecture());
        assertEquals(2048, gguf.contextLength().orElseThrow());
        assertEquals(5, gguf.blockCount().orElseThrow());
        assertEquals(64, gguf.embeddingLength().orElseThrow());
        assertEquals(8, gguf.headCount().orElseThrow());
        assertEquals(4, gguf.headCountKv().orElseThrow());
        assertEquals(Optional.empty(), gguf.chatTemplate());
        assertEquals(1, gguf.getLong("tokenizer.ggml.bos_token_id").orElseThrow());
        assertEquals(2, gguf.getLong("tokenizer.ggml.eos_token_id").orElseThrow());
        assertEquals(Optional.of("llama"), gguf.getString("tokenizer.ggml.model"));
        List<String> tokens = gguf.getStringArray("tokenizer.ggml.tokens").orElseThrow();
        assertEquals(512, tokens.size());
        assertEquals(List.of("<unk>", "<s>", "</s>", "<0x00>"), tokens.subList(0, 4));
        assertEquals(512, gguf.getArray("tokenizer.ggml.scores").orElseThrow().floats().length);

        assertEquals(Files.size(path), gguf.fileSize());
        assertEquals(32, gguf.alignment());
        assertEquals(48, gguf.tensors().size());
        GgufTensorInfo embd = gguf.tensor("token_embd.weight").orElseThrow();
        assertEquals(GgmlType.F32, embd.type());
        assertEquals(64L * 512, embd.elementCount());
        assertEquals(0, embd.offset());
        assertEquals(0, gguf.tensorDataStart() % 32);
        // F32 weights: 4 bytes per parameter, and the data section ends exactly at the end of this file.
        long params = gguf.tensors().stream().mapToLong(GgufTensorInfo::elementCount).sum();
        assertEquals(params * 4, gguf.tensorDataSize());
        assertEquals(gguf.fileSize(), gguf.tensorDataStart() + gguf.tensorDataSize());
    }

    @Test
    void readsQuantisedRandomModel() throws Exception {
        GgufFile gguf = GgufFile.read(TestAssets.file("models/random-134m-q4_0.gguf"));

        assertEquals("llama", gguf.architecture());
        // The file says 128; the assets README's "context 1024" does not match the file's metadata.
        assertEquals(128, gguf.contextLength().orElseThrow());
        assertEquals(12, gguf.blockCount().orElseThrow());
        assertEquals(768, gguf.embeddingLength().orElseThrow());
        assertEquals(12, gguf.headCount().orElseThrow());
        assertEquals(12, gguf.headCountKv().orElseThrow());
        assertEquals(32000, gguf.getStringArray("tokenizer.ggml.tokens").orElseThrow().size());
        assertEquals(111, gguf.tensors().size());
        assertTrue(gguf.tensors().stream().anyMatch(t -> t.type() == GgmlType.Q4_0));
        assertEquals(gguf.fileSize(), gguf.tensorDataStart() + gguf.tensorDataSize());
    }

    @Test
    void readsA150kTokenVocabularyFast(@TempDir Path dir) throws Exception {
        int n = 150_000;
        GgufBytes b = GgufBytes.header(3, 0, 4).kvString("general.architecture", "qwen2")
                .str("tokenizer.ggml.tokens").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.STRING.id()).u64(n);
        for (int i = 0; i < n; i++) {
            b.str("tok" + i);
        }
        b.str("tokenizer.ggml.token_type").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.INT32.id()).u64(n);
        for (int i = 0; i < n; i++) {
            b.u32(1);
        }
        b.str("tokenizer.ggml.scores").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.FLOAT32.id()).u64(n);
        for (int i = 0; i < n; i++) {
            b.f32(-i);
        }
        Path file = Files.write(dir.resolve("big-vocab.gguf"), b.bytes());

        long start = System.nanoTime();
        GgufFile gguf = GgufFile.read(file);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 1000, "150k-token vocabulary took " + millis + " ms");
        assertEquals("tok149999", gguf.getStringArray("tokenizer.ggml.tokens").orElseThrow().get(n - 1));
        assertEquals(-149_999f, gguf.getArray("tokenizer.ggml.scores").orElseThrow().floats()[n - 1]);
    }

    @Test
    void readsVocabularyOnlyFilesFast() throws Exception {
        long start = System.nanoTime();
        GgufFile falcon = GgufFile.read(TestAssets.dir("gguf-vocab").resolve("ggml-vocab-falcon.gguf"));
        GgufFile gpt2 = GgufFile.read(TestAssets.dir("gguf-vocab").resolve("ggml-vocab-gpt-2.gguf"));
        GgufFile phi3 = GgufFile.read(TestAssets.dir("gguf-vocab").resolve("ggml-vocab-phi-3.gguf"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 1000, "three vocabularies took " + millis + " ms");
        assertEquals("falcon", falcon.architecture());
        assertEquals(65024, falcon.getStringArray("tokenizer.ggml.tokens").orElseThrow().size());
        assertEquals(64784, falcon.getStringArray("tokenizer.ggml.merges").orElseThrow().size());
        assertEquals(1, falcon.headCountKv().orElseThrow());
        assertEquals(50257, gpt2.getStringArray("tokenizer.ggml.tokens").orElseThrow().size());
        assertEquals(Optional.of("gpt-2"), gpt2.getString("tokenizer.ggml.pre"));
        assertTrue(gpt2.tensors().isEmpty());
        assertEquals(0, gpt2.tensorDataSize());
        assertTrue(phi3.chatTemplate().orElseThrow().contains("message['role']"));
        assertEquals(32000, phi3.getLong("tokenizer.ggml.eos_token_id").orElseThrow());
        assertFalse(phi3.get("tokenizer.ggml.add_eos_token").orElseThrow().asBoolean());
    }
}
