package dev.llmplatform.tokenizer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.tokenizer.error.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names that could address files are refused before any lookup (BAD-INPUTS #13). */
class TokenizerNamesTest {

    @Test
    void acceptsPlainNamesAndRepoIds() {
        for (String name : List.of("gpt2", "llama-3.1", "cl100k_base", "Qwen/Qwen2.5-0.5B")) {
            assertEquals(name, TokenizerNames.validate(name));
        }
        assertTrue(TokenizerNames.isRepoId("openai-community/gpt2"));
    }

    @Test
    void refusesPathsAndEmptyNames() {
        for (String name : List.of("../etc/passwd", "/etc/passwd", "..", "a/../b", "a\\b", "sha256:../x",
                "a/b/c", "./gpt2", "gpt2\0", "C:\\x", "org/..", "../gpt2")) {
            assertThrows(InvalidRequestException.class, () -> TokenizerNames.validate(name), name);
        }
        assertFalse(TokenizerNames.isRepoId("../x"));
        assertEquals("tokenizer name is empty",
                assertThrows(InvalidRequestException.class, () -> TokenizerNames.validate(" ")).getMessage());
        assertEquals("tokenizer name is 201 characters; the maximum is 200", assertThrows(
                InvalidRequestException.class, () -> TokenizerNames.validate("a".repeat(201))).getMessage());
    }
}
