package dev.llmplatform.servicekit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServedNameTest {

    @Test
    void theFileNameWithoutGgufLowerCased() {
        assertEquals("stories260k", ServedName.of(Optional.empty(), Path.of("/models/stories260K.gguf")));
        assertEquals("qwen2.5-0.5b-instruct-q4_k_m",
                ServedName.of(Optional.empty(), Path.of("Qwen2.5-0.5B-Instruct-Q4_K_M.GGUF")));
        assertEquals("model.bin", ServedName.of(Optional.empty(), Path.of("dir/Model.bin")), "no .gguf to drop");
    }

    @Test
    void aConfiguredNameWinsTrimmedAndAsWritten() {
        assertEquals("My-Model", ServedName.of(Optional.of("  My-Model "), Path.of("a.gguf")));
        assertEquals("a", ServedName.of(Optional.of("   "), Path.of("A.gguf")), "a blank name counts as none");
    }
}
