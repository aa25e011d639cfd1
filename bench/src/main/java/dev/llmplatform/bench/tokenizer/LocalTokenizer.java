package dev.llmplatform.bench.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The in-process baseline: one tokenizer called as a library in this JVM. */
interface LocalTokenizer extends AutoCloseable {

    /** Encodes and returns the number of ids. */
    int encode(String text);

    /** Counts tokens the cheapest way the library offers. */
    int count(String text);

    @Override
    void close();

    /** A tiktoken encoding name (jtokkit) or a folder holding {@code tokenizer.json} (DJL). */
    static LocalTokenizer open(String name, Path tokenizersDir) {
        return switch (name) {
            case "cl100k_base" -> new Tiktoken(EncodingType.CL100K_BASE);
            case "o200k_base" -> new Tiktoken(EncodingType.O200K_BASE);
            case "p50k_base" -> new Tiktoken(EncodingType.P50K_BASE);
            case "r50k_base" -> new Tiktoken(EncodingType.R50K_BASE);
            default -> new HuggingFace(tokenizersDir.resolve(name));
        };
    }

    /** jtokkit; special-token strings are encoded as ordinary text. */
    final class Tiktoken implements LocalTokenizer {
        private final Encoding encoding;

        Tiktoken(EncodingType type) {
            encoding = Encodings.newDefaultEncodingRegistry().getEncoding(type);
        }

        @Override
        public int encode(String text) {
            return encoding.encodeOrdinary(text).size();
        }

        @Override
        public int count(String text) {
            return encoding.countTokensOrdinary(text);
        }

        @Override
        public void close() {
            // Nothing native.
        }
    }

    /** DJL's Hugging Face tokenizers, truncation and padding off (the default truncates at 512 tokens). */
    final class HuggingFace implements LocalTokenizer {
        private final HuggingFaceTokenizer tokenizer;

        HuggingFace(Path dir) {
            try {
                tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(dir).optTruncation(false)
                        .optPadding(false).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the tokenizer in " + dir, e);
            }
        }

        @Override
        public int encode(String text) {
            return tokenizer.encode(text).getIds().length;
        }

        @Override
        public int count(String text) {
            return encode(text);
        }

        @Override
        public void close() {
            tokenizer.close();
        }
    }
}
