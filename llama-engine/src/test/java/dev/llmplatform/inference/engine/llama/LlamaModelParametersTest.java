package dev.llmplatform.inference.engine.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaModelParametersTest {

    @Test
    void contextIsPerSlotTimesSlotsAndOneThreadCountServesDecodeAndBatch() {
        List<String> args = args(LlamaModelParameters.of(Path.of("/m/model.gguf"), 512, 4, 3, 7, false, false));
        assertEquals("2048", after(args, "--ctx-size"));
        assertEquals("4", after(args, "--parallel"));
        assertEquals("3", after(args, "--threads"));
        assertEquals("3", after(args, "--threads-batch"));
        assertEquals("7", after(args, "--gpu-layers"));
        assertEquals("/m/model.gguf", after(args, "--model"));
        assertTrue(args.contains("--no-context-shift"), args.toString());
        assertTrue(args.contains("--no-warmup"), "llama.cpp's warm-up would run on the loading thread: " + args);
    }

    @Test
    void flashAttentionAndTheNativeLogFollowTheChoice() {
        List<String> quiet = args(LlamaModelParameters.of(Path.of("m.gguf"), 128, 1, 1, 0, false, false));
        assertFalse(quiet.contains("--flash-attn"), quiet.toString());
        assertTrue(quiet.contains("--log-disable"), quiet.toString());
        List<String> loud = args(LlamaModelParameters.of(Path.of("m.gguf"), 128, 1, 1, 0, true, true));
        assertTrue(loud.contains("--flash-attn"), loud.toString());
        assertFalse(loud.contains("--log-disable"), loud.toString());
    }

    private static List<String> args(de.kherud.llama.ModelParameters parameters) {
        return List.of(parameters.toArray());
    }

    private static String after(List<String> args, String flag) {
        int at = args.indexOf(flag);
        assertTrue(at >= 0 && at + 1 < args.size(), flag + " missing in " + args);
        return args.get(at + 1);
    }
}
