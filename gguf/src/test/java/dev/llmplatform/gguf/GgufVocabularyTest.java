package dev.llmplatform.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading vocabularies: values checked against the files, and clear errors for unusable ones. */
class GgufVocabularyTest {

    @TempDir
    Path dir;

    private static GgufVocabulary vocab(String name) throws Exception {
        return GgufVocabulary.from(GgufFile.read(TestAssets.dir("gguf-vocab").resolve("ggml-vocab-" + name + ".gguf")));
    }

    @Test
    void stories260K() throws Exception {
        GgufVocabulary v = GgufVocabulary.from(GgufFile.read(TestAssets.file("models/stories260K.gguf")));
        assertEquals("llama", v.model());
        assertEquals(512, v.size());
        assertEquals(new GgufVocabulary.SpecialIds(1, 2, 0, -1, -1, -1), v.specialIds());
        assertTrue(v.addBos());
        assertFalse(v.addEos());
        assertTrue(v.addSpacePrefix());
        assertEquals(512, v.scores().length);
        assertEquals(6, v.tokenTypes()[3]); // <0x00> is a byte token
    }

    @Test
    void bpeAndWordPieceVocabularies() throws Exception {
        GgufVocabulary gpt2 = vocab("gpt-2");
        assertEquals("gpt-2", gpt2.preTokenizer());
        assertEquals(50000, gpt2.merges().size());
        assertEquals("Ġ t", gpt2.merges().get(0));
        assertEquals(50256, gpt2.specialIds().bos());
        assertEquals(50256, gpt2.specialIds().eos());
        assertFalse(gpt2.addBos());

        GgufVocabulary bert = vocab("bert-bge");
        assertEquals(new GgufVocabulary.SpecialIds(101, -1, 100, 102, 0, 103), bert.specialIds());
        assertEquals(30522, bert.size());

        GgufVocabulary phi3 = vocab("phi-3");
        assertEquals(32000, phi3.specialIds().eos());
        assertEquals(32000, phi3.specialIds().pad());
        assertEquals("phi3", phi3.name());
    }

    private GgufFormatException rejects(GgufBytes bytes) throws Exception {
        GgufFile file = GgufFile.read(Files.write(dir.resolve("v.gguf"), bytes.bytes()));
        return assertThrows(GgufFormatException.class, () -> GgufVocabulary.from(file));
    }

    private static GgufBytes tokens(GgufBytes b, String... tokens) {
        b.str("tokenizer.ggml.tokens").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.STRING.id()).u64(tokens.length);
        for (String t : tokens) {
            b.str(t);
        }
        return b;
    }

    @Test
    void refusesUnusableVocabularies() throws Exception {
        GgufBytes noTokenizer = GgufBytes.header(3, 0, 1).kvString("general.architecture", "llama");
        assertTrue(rejects(noTokenizer).getMessage().contains("tokenizer.ggml.model"));

        GgufBytes t5 = tokens(GgufBytes.header(3, 0, 3).kvString("general.architecture", "t5")
                .kvString("tokenizer.ggml.model", "t5"), "a");
        assertTrue(rejects(t5).getMessage().contains("'t5' is not supported"));

        GgufBytes noMerges = tokens(GgufBytes.header(3, 0, 3).kvString("general.architecture", "gpt2")
                .kvString("tokenizer.ggml.model", "gpt2"), "a");
        assertTrue(rejects(noMerges).getMessage().contains("no merges"));

        GgufBytes badPre = tokens(GgufBytes.header(3, 0, 4).kvString("general.architecture", "gpt2")
                .kvString("tokenizer.ggml.model", "gpt2").kvString("tokenizer.ggml.pre", "no-such-pre"), "a");
        assertTrue(rejects(badPre).getMessage().contains("'no-such-pre'"));

        GgufBytes shortScores = tokens(GgufBytes.header(3, 0, 4).kvString("general.architecture", "llama")
                .kvString("tokenizer.ggml.model", "llama"), "a", "b")
                .str("tokenizer.ggml.scores").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.FLOAT32.id()).u64(1).f32(0);
        assertEquals("GGUF tokenizer.ggml.scores has 1 entries for 2 tokens", rejects(shortScores).getMessage());

        GgufBytes tokensNotStrings = GgufBytes.header(3, 0, 3).kvString("general.architecture", "llama")
                .kvString("tokenizer.ggml.model", "llama").kvU32("tokenizer.ggml.tokens", 5);
        assertTrue(rejects(tokensNotStrings).getMessage().contains("expected an array"));
    }
}
