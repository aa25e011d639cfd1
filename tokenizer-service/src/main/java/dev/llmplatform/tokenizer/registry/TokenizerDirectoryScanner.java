package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.hf.HuggingFaceEngine;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEncodingSpec;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the tokenizers to serve: every sub-folder of the tokenizers folder holding a tokenizer.json (named after
 * the folder), every {@code *.gguf} file there and in the configured list (named after the file without
 * {@code .gguf}) when a GGUF loader is given, and the built-in tiktoken encodings. Nothing is loaded here.
 */
public final class TokenizerDirectoryScanner {

    private TokenizerDirectoryScanner() {
    }

    /** The built-in tiktoken encodings. */
    public static List<TokenizerSource> tiktoken() {
        List<TokenizerSource> sources = new ArrayList<>();
        for (TiktokenEncodingSpec spec : TiktokenEncodingSpec.ALL) {
            sources.add(new TokenizerSource(spec.name(), () -> new TiktokenEngine(spec)));
        }
        return sources;
    }

    /** The Hugging Face folders and GGUF files in {@code dir}, in name order. */
    public static List<TokenizerSource> scan(Path dir, Optional<GgufLoader> gguf) {
        List<TokenizerSource> sources = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (Files.isRegularFile(entry.resolve("tokenizer.json"))) {
                    sources.add(new TokenizerSource(fileName, () -> HuggingFaceEngine.load(fileName, entry)));
                } else if (gguf.isPresent() && Files.isRegularFile(entry)
                        && fileName.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
                    sources.add(gguf(entry, gguf.get()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the tokenizers folder " + dir, e);
        }
        sources.sort((a, b) -> a.name().compareTo(b.name()));
        return sources;
    }

    /** A GGUF file served under its file name without {@code .gguf}. */
    public static TokenizerSource gguf(Path file, GgufLoader gguf) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".gguf".length());
        return new TokenizerSource(name, () -> gguf.load(name, file));
    }

    /** Opens a GGUF vocabulary as a tokenizer. */
    @FunctionalInterface
    public interface GgufLoader {
        /** Loads the vocabulary of {@code file} under {@code name}. */
        dev.llmplatform.tokenizer.engine.TokenizerEngine load(String name, Path file) throws Exception;
    }
}
