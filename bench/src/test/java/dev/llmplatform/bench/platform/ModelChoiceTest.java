package dev.llmplatform.bench.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reads the shared asset models (LLM_TEST_ASSETS); fails with TestAssets' message when they are missing. */
class ModelChoiceTest {

    @Test
    void contextComesFromTheGgufMetadata() {
        ModelChoice stories = ModelChoice.resolve("stories260k");
        assertEquals("stories260k", stories.servedName());
        assertEquals(2048, stories.maxContext());
        ModelChoice random = ModelChoice.resolve("random-134m-q4_0");
        assertEquals("random-134m-q4_0", random.servedName());
        // The file declares llama.context_length = 128 (the assets README says 1024; the file is what the service reads).
        assertEquals(128, random.maxContext());
        assertEquals(false, random.hasChatTemplate(), "neither asset model has a chat template (assets README)");
        assertEquals(false, stories.hasChatTemplate());
    }

    @Test
    void tokensAreFittedToTheContext() {
        ModelChoice random = ModelChoice.resolve("random-134m-q4_0");
        assertEquals(128 - ModelChoice.PROMPT_ROOM, random.fitTokens(256));
        assertEquals(48, random.fitTokens(48));
        assertEquals(256, ModelChoice.resolve("stories260k").fitTokens(256));
    }

    @Test
    void aMissingFileIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelChoice.resolve("/nonexistent/model.gguf"));
        assertEquals(true, e.getMessage().contains("no GGUF file at /nonexistent/model.gguf"), e.getMessage());
    }
}
