package dev.llmplatform.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.bench.BenchCorpus;
import dev.llmplatform.tokenizer.engine.ChunkBoundaries;
import dev.llmplatform.tokenizer.engine.ParallelCounter;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.hf.HuggingFaceEngine;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEncodingSpec;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast count (pieces on several threads) equals the whole-text encode, for every Hugging Face tokenizer in the
 * test assets and every tiktoken encoding, on the conformance texts, the adversarial texts and long corpora.
 *
 * <p>How it stays cheap without losing coverage:
 * <ul>
 *   <li>One engine per tokenizer, loaded once for the class, with pieces of 300 UTF-16 units: every cut rule the
 *       production size (16K) uses is the same rule, reached about 50 times as often per megabyte, and every
 *       adversarial text crosses many cuts.</li>
 *   <li>The reference is the engine's own whole-text {@code encode} on the same literal tokenizer (one native call
 *       on the same handle, no pieces; for tiktoken, jtokkit's {@code encodeOrdinary}): no second instance of any
 *       file is loaded.</li>
 *   <li>The long corpora are 1 MiB of lines and a 512 KiB single line (about 3,500 and 1,700 cuts per tokenizer),
 *       each encoded once per tokenizer as the reference.</li>
 *   <li>Special tokens change only the first piece: every text is checked with them, the short texts also
 *       without.</li>
 * </ul>
 */
class CountExactnessTest {

    /** Tokenizers whose pipeline is known to allow pieces; the others must count whole texts. */
    private static final Set<String> PIECEWISE = Set.of("gpt2", "llama-3.1", "qwen2.5", "bert-base-uncased",
            "t5-small", "falcon-7b", "mistral-v1", "phi-3-mini");
    private static final ParallelCounter SMALL_PIECES = new ParallelCounter(2, 300);
    private static final List<HuggingFaceEngine> HF = new ArrayList<>();

    @BeforeAll
    static void open() throws IOException {
        try (Stream<Path> dirs = Files.list(TestAssets.dir("tokenizers"))) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("tokenizer.json"))).sorted().toList()) {
                HF.add(HuggingFaceEngine.load(dir.getFileName().toString(), dir, SMALL_PIECES));
            }
        }
        assertEquals(8, HF.size(), "tokenizer folders in the assets");
    }

    @AfterAll
    static void close() {
        HF.forEach(HuggingFaceEngine::close);
    }

    /** The conformance inputs, their concatenation and the adversarial texts. */
    private static List<String> shortTexts(TokenizerEngine engine) {
        List<String> texts = new ArrayList<>(BenchCorpus.sources());
        texts.add(String.join("\n", BenchCorpus.sources()));
        texts.addAll(AdversarialTexts.all());
        texts.add(AdversarialTexts.specialStrings(engine.descriptor().specialTokens()));
        return texts;
    }

    /** 1 MiB of lines and a 512 KiB line: many cuts after newlines, many cuts at spaces. */
    private static List<String> longTexts() {
        String line = BenchCorpus.ofSize(512 * 1024).replace('\n', ' ').replace('\r', ' ');
        assertTrue(ChunkBoundaries.nextWordCut(line, 1000) < 2000, "the line has word cuts");
        return List.of(BenchCorpus.ofSize(1024 * 1024), line);
    }

    @Test
    void piecesAreUsedExactlyWhereThePipelineIsKnownToAllowThem() {
        for (HuggingFaceEngine h : HF) {
            assertEquals(PIECEWISE.contains(h.descriptor().name()), h.countsInPieces(), h.descriptor().name());
        }
    }

    @Test
    void huggingFaceCountsEqualTheWholeTextEncode() {
        int compared = 0;
        for (HuggingFaceEngine h : HF) {
            compared += compare(h, shortTexts(h), true) + compare(h, longTexts(), false);
        }
        assertTrue(compared > 8 * 2 * 100, "compared " + compared);
    }

    @Test
    void tiktokenCountsEqualTheOrdinaryEncode() {
        for (TiktokenEncodingSpec spec : TiktokenEncodingSpec.ALL) {
            TiktokenEngine engine = new TiktokenEngine(spec, SMALL_PIECES);
            List<String> texts = new ArrayList<>(shortTexts(engine));
            texts.addAll(longTexts());
            compare(engine, texts, false);
        }
    }

    @Test
    void aLongTextWithoutAnyCutIsCountedExactly() {
        HuggingFaceEngine gpt2 = HF.stream().filter(h -> h.descriptor().name().equals("gpt2")).findFirst()
                .orElseThrow();
        String noCut = "word, ".repeat(2000) + "end\n \n";
        assertEquals(noCut.length(), ChunkBoundaries.nextCut(noCut, 0), "no allowed cut in the text");
        assertEquals(gpt2.encode(noCut, false, false).count(), gpt2.count(noCut, false));
    }

    /** Compares the count of every text with its whole-text encode; returns the number of comparisons. */
    private static int compare(TokenizerEngine engine, List<String> texts, boolean withoutSpecialsToo) {
        String name = engine.descriptor().name();
        int compared = 0;
        for (String text : texts) {
            for (boolean addSpecial : withoutSpecialsToo ? new boolean[] {true, false} : new boolean[] {true}) {
                int expected = engine.encode(text, addSpecial, false).count();
                assertEquals(expected, engine.count(text, addSpecial),
                        () -> name + " add_special=" + addSpecial + " on " + AdversarialTexts.describe(text));
                compared++;
            }
        }
        return compared;
    }
}
