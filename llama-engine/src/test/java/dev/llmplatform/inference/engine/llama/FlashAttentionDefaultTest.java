package dev.llmplatform.inference.engine.llama;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlashAttentionDefaultTest {

    @Test
    void unsetIsOnWithGpuLayersAndOffOnTheCpu() {
        assertTrue(FlashAttentionDefault.choose(Optional.empty(), 33));
        assertFalse(FlashAttentionDefault.choose(Optional.empty(), 0));
    }

    @Test
    void configurationWinsEitherWay() {
        assertTrue(FlashAttentionDefault.choose(Optional.of(true), 0));
        assertFalse(FlashAttentionDefault.choose(Optional.of(false), 33));
    }
}
