package dev.llmplatform.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmplatform.testsupport.TestAssets;
import org.junit.jupiter.api.Test;

/**
 * The BPE pre-tokenizers the test vectors do not cover, run on the GPT-2 vocabulary with {@code tokenizer.ggml.pre}
 * swapped. The expected ids were produced by llama.cpp b4916 itself (de.kherud:llama 4.2.0) on a copy of
 * stories260K.gguf carrying this vocabulary and pre-tokenizer name.
 */
class GgufPreTokenizerTest {

    private static final String TEXT = "Hello world'S 1234567 numbers!!\n\n  ok";

    private static GgufTokenizer gpt2With(String pre) throws Exception {
        GgufVocabulary v = GgufVocabulary.from(GgufFile.read(
                TestAssets.dir("gguf-vocab").resolve("ggml-vocab-gpt-2.gguf")));
        return GgufTokenizer.create(new GgufVocabulary(v.model(), pre, v.tokens(), v.scores(), v.tokenTypes(),
                v.merges(), v.specialIds(), v.addBos(), v.addEos(), v.addSpacePrefix(), v.name()));
    }

    @Test
    void digitsInThreesForLlama3AndDefault() throws Exception {
        int[] expected = {15496, 995, 6, 50, 220, 10163, 29228, 22, 3146, 3228, 628, 220, 12876};
        assertArrayEquals(expected, gpt2With("llama-bpe").encode(TEXT, false, true));
        assertArrayEquals(expected, gpt2With("default").encode(TEXT, false, true));
    }

    @Test
    void singleDigitsForQwen2AndStarcoder() throws Exception {
        int[] expected = {15496, 995, 6, 50, 220, 16, 17, 18, 19, 20, 21, 22, 3146, 3228, 628, 220, 12876};
        assertArrayEquals(expected, gpt2With("qwen2").encode(TEXT, false, true));
        assertArrayEquals(expected, gpt2With("starcoder").encode(TEXT, false, true));
    }

    @Test
    void falconKeepsBackticksWithPunctuation() throws Exception {
        // falcon's first expression lists '`' explicitly: "`." is one pre-token and one falcon token.
        GgufTokenizer falcon = GgufTokenizer.create(GgufVocabulary.from(GgufFile.read(
                TestAssets.dir("gguf-vocab").resolve("ggml-vocab-falcon.gguf"))));
        assertArrayEquals(new int[] {24322}, falcon.encode("`.", false, true));
        assertArrayEquals(new int[] {99, 204, 40, 204, 75, 5779, 47858}, falcon.encode("x = `code`;", false, true));
    }

    @Test
    void unsupportedPreTokenizerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpt2With("tekken"));
        assertEquals("pre-tokenizer 'tekken' is not supported", e.getMessage());
    }
}
