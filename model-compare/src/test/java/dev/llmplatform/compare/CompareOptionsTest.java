package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {

    @Test
    void defaults() {
        CompareOptions o = CompareOptions.parse(new String[0]);
        assertTrue(o.models().isEmpty());
        assertEquals(Optional.empty(), o.dir());
        assertEquals(Optional.empty(), o.prompts());
        assertEquals(64, o.maxTokens());
        assertEquals(Path.of("comparison"), o.out());
    }

    @Test
    void parsesEveryOption() {
        CompareOptions o = CompareOptions.parse(new String[] {"--models", "/m/a.gguf, /m/b.gguf,", "--prompts", "p.txt",
            "--max-tokens", "32", "--out", "/tmp/x"});
        assertEquals(List.of(Path.of("/m/a.gguf"), Path.of("/m/b.gguf")), o.models());
        assertEquals(Optional.of(Path.of("p.txt")), o.prompts());
        assertEquals(32, o.maxTokens());
        assertEquals(Path.of("/tmp/x"), o.out());
        assertEquals(Optional.of(Path.of("/d")), CompareOptions.parse(new String[] {"--dir", "/d"}).dir());
    }

    @Test
    void refusesBadArgumentsWithPreciseMessages() {
        assertEquals("unknown argument '--model'", message("--model", "a.gguf"));
        assertEquals("--out needs a value", message("--out"));
        assertEquals("--max-tokens must be an integer in 1..4096, got '0'", message("--max-tokens", "0"));
        assertEquals("--max-tokens must be an integer in 1..4096, got 'ten'", message("--max-tokens", "ten"));
        assertEquals("give either --models or --dir, not both", message("--models", "a.gguf", "--dir", "d"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> CompareOptions.parse(args)).getMessage();
    }
}
