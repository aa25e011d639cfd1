package dev.llmplatform.tokenizer;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.engine.ChatCounter;
import dev.llmplatform.tokenizer.engine.EncodedText;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.hf.HuggingFaceEngine;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import dev.llmplatform.tokenizer.registry.TokenizerSource;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEncodingSpec;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The tokenizers of the test assets, each loaded once for the whole test JVM (the unit tests share one JVM) and
 * never closed: loading a tokenizer.json (parsing it, building its two native instances) costs seconds on a loaded
 * 2-core machine, and most test classes use the same files. The JVM's exit frees them. Tests that need an engine set
 * up differently (another piece size) load their own.
 */
public final class TestEngines {

    private static final Map<String, HuggingFaceEngine> HUGGING_FACE = new ConcurrentHashMap<>();
    private static final Map<String, TiktokenEngine> TIKTOKEN = new ConcurrentHashMap<>();

    private TestEngines() {
    }

    /** The engine of the assets' tokenizer folder {@code name}, shared; do not close it. */
    public static HuggingFaceEngine huggingFace(String name) {
        return HUGGING_FACE.computeIfAbsent(name, n -> {
            try {
                return HuggingFaceEngine.load(n, TestAssets.dir("tokenizers").resolve(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The engine of a tiktoken encoding, shared. */
    public static TiktokenEngine tiktoken(String name) {
        return TIKTOKEN.computeIfAbsent(name, n -> new TiktokenEngine(TiktokenEncodingSpec.ALL.stream()
                .filter(s -> s.name().equals(n)).findFirst().orElseThrow()));
    }

    /** The names of the assets' tokenizer folders, sorted. */
    public static List<String> huggingFaceNames() {
        try (Stream<Path> dirs = Files.list(TestAssets.dir("tokenizers"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("tokenizer.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A registry over the assets' tokenizer folders (and the tiktoken encodings when asked), serving the shared
     * engines: closing the registry leaves them open.
     */
    public static TokenizerRegistry registry(boolean withTiktoken) {
        List<TokenizerSource> sources = new ArrayList<>();
        huggingFaceNames().forEach(n -> sources.add(new TokenizerSource(n, () -> new Shared(huggingFace(n)))));
        if (withTiktoken) {
            TiktokenEncodingSpec.ALL.forEach(s -> sources.add(new TokenizerSource(s.name(),
                    () -> new Shared(tiktoken(s.name())))));
        }
        return new TokenizerRegistry(sources, Optional.empty());
    }

    /** A shared engine that a registry may close without closing it. */
    private record Shared(TokenizerEngine engine) implements TokenizerEngine {

        @Override
        public TokenizerDescriptor descriptor() {
            return engine.descriptor();
        }

        @Override
        public boolean addsSpecialTokensByDefault() {
            return engine.addsSpecialTokensByDefault();
        }

        @Override
        public EncodedText encode(String text, boolean addSpecial, boolean parseSpecial) {
            return engine.encode(text, addSpecial, parseSpecial);
        }

        @Override
        public int count(String text, boolean addSpecial) {
            return engine.count(text, addSpecial);
        }

        @Override
        public int countParsingSpecials(String text) {
            return engine.countParsingSpecials(text);
        }

        @Override
        public int[] countBatch(List<String> texts, boolean addSpecial) {
            return engine.countBatch(texts, addSpecial);
        }

        @Override
        public Optional<ChatCounter> chatCounter() {
            return engine.chatCounter();
        }

        @Override
        public String decode(int[] ids, boolean skipSpecial) {
            return engine.decode(ids, skipSpecial);
        }

        @Override
        public void close() {
            // shared for the JVM's lifetime
        }
    }
}
