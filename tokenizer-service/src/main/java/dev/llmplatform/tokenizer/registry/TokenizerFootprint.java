package dev.llmplatform.tokenizer.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory a Hugging Face tokenizer takes once loaded, estimated from its tokenizer.json: the service holds two
 * native instances of the file (the file as written and its literal variant). Measured as the RSS each further
 * loaded engine added (README.md, "Tokenizers loaded on request"): 8 to 40 bytes per byte of the file (llama-3.1
 * 71 MiB for 9.1 MB, t5-small 54 MiB for 1.4 MB). The estimate, {@value #FIXED_BYTES} bytes plus
 * {@value #BYTES_PER_FILE_BYTE} per byte of the file, is above every measurement.
 */
final class TokenizerFootprint {

    /** Bytes of memory per byte of tokenizer.json. */
    static final int BYTES_PER_FILE_BYTE = 32;
    /** Bytes of memory per loaded tokenizer whatever its size. */
    static final long FIXED_BYTES = 16L << 20;

    private TokenizerFootprint() {
    }

    /** The estimated memory of the tokenizer in {@code folder}. */
    static long estimate(Path folder) throws IOException {
        return FIXED_BYTES + Files.size(folder.resolve("tokenizer.json")) * BYTES_PER_FILE_BYTE;
    }
}
