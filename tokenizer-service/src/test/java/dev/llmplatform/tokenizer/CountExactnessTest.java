package dev.llmplatform.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.bench.BenchCorpus;
import dev.llmplatform.tokenizer.engine.ChunkBoundaries;
import dev.llmplatform.tokenizer.engine.ParallelCounter;
import dev.llmplatform.tokenizer.hf.HuggingFaceEngine;
import dev.llmplatform.tokenizer.hf.TokenizerJson;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEncodingSpec;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast count (pieces on several threads) equals the plain full encode of the whole text, for every Hugging
 * Face tokenizer in the test assets and every tiktoken encoding, on the conformance texts, a 10 MB corpus and
 * adversarial texts. Small pieces (a few hundred characters) make every adversarial text cross many cuts.
 */
class CountExactnessTest {

    private static final Map<String, String> OPTIONS =
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true");
    /** Tokenizers whose pipeline is known to allow pieces; the others must count whole texts. */
    private static final Set<String> PIECEWISE = Set.of("gpt2", "llama-3.1", "qwen2.5", "bert-base-uncased",
            "t5-small", "falcon-7b", "mistral-v1", "phi-3-mini");
    private static final ParallelCounter SMALL_PIECES = new ParallelCounter(2, 300);
    private static final ParallelCounter DEFAULT_PIECES = new ParallelCounter(2, ParallelCounter.DEFAULT_PIECE_CHARS);
    private static final List<Hf> HF = new ArrayList<>();

    /** An engine under test and the plain DJL tokenizer of the same (literal) file as the reference. */
    record Hf(String name, HuggingFaceEngine small, HuggingFaceEngine normal, HuggingFaceTokenizer plain) {
    }

    @BeforeAll
    static void open() throws IOException {
        try (Stream<Path> dirs = Files.list(TestAssets.dir("tokenizers"))) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("tokenizer.json"))).sorted().toList()) {
                String name = dir.getFileName().toString();
                TokenizerJson json = TokenizerJson.parse(Files.readAllBytes(dir.resolve("tokenizer.json")));
                HF.add(new Hf(name, HuggingFaceEngine.load(name, dir, SMALL_PIECES),
                        HuggingFaceEngine.load(name, dir, DEFAULT_PIECES),
                        HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json.literalJson()), OPTIONS)));
            }
        }
        assertEquals(8, HF.size(), "tokenizer folders in the assets");
    }

    @AfterAll
    static void close() {
        HF.forEach(h -> {
            h.small().close();
            h.normal().close();
            h.plain().close();
        });
    }

    @Test
    void piecesAreUsedExactlyWhereThePipelineIsKnownToAllowThem() {
        for (Hf h : HF) {
            assertEquals(PIECEWISE.contains(h.name()), h.small().countsInPieces(), h.name());
        }
    }

    @Test
    void huggingFaceCountsEqualThePlainEncode() {
        List<String> texts = new ArrayList<>(BenchCorpus.sources());
        texts.add(String.join("\n", BenchCorpus.sources()));
        texts.addAll(AdversarialTexts.all());
        int compared = 0;
        for (Hf h : HF) {
            List<String> own = new ArrayList<>(texts);
            own.add(AdversarialTexts.specialStrings(h.small().descriptor().specialTokens()));
            for (String text : own) {
                for (boolean addSpecial : new boolean[] {true, false}) {
                    int expected = h.plain().encode(text, addSpecial, false).getIds().length;
                    assertEquals(expected, h.small().count(text, addSpecial),
                            () -> h.name() + " add_special=" + addSpecial + " on " + AdversarialTexts.describe(text));
                    compared++;
                }
            }
        }
        assertTrue(compared > 8 * 2 * 40, "compared " + compared);
    }

    @Test
    void tenMegabyteCorpusCountsEqualTheWholeTextEncode() {
        String corpus = BenchCorpus.ofSize(10 * 1024 * 1024);
        for (Hf h : HF) {
            assertEquals(wholeCount(h, corpus), h.normal().count(corpus, true), h.name() + " on the 10 MB corpus");
        }
    }

    @Test
    void oneLongLineCountsEqualTheWholeTextEncode() {
        String line = BenchCorpus.ofSize(2 * 1024 * 1024).replace('\n', ' ').replace('\r', ' ');
        assertTrue(ChunkBoundaries.nextWordCut(line, ParallelCounter.DEFAULT_PIECE_CHARS) < line.length() / 2,
                "the line has word cuts");
        for (Hf h : HF) {
            assertEquals(wholeCount(h, line), h.normal().count(line, true), h.name() + " on a 2 MB line");
        }
    }

    /**
     * The same native encode as HuggingFaceTokenizer.encode on the whole text, reading back only the ids: the full
     * Encoding's token strings and spans would need gigabytes of test heap.
     */
    private static int wholeCount(Hf h, String text) {
        long encoding = TokenizersLibrary.LIB.encode(h.plain().getHandle(), text, true);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding).length;
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    @Test
    void tiktokenCountsEqualTheOrdinaryEncode() {
        List<String> texts = new ArrayList<>(BenchCorpus.sources());
        texts.add(String.join("\n", BenchCorpus.sources()));
        texts.addAll(AdversarialTexts.all());
        String corpus = BenchCorpus.ofSize(10 * 1024 * 1024);
        for (TiktokenEncodingSpec spec : TiktokenEncodingSpec.ALL) {
            Encoding reference = Encodings.newLazyEncodingRegistry().getEncoding(spec.type());
            TiktokenEngine small = new TiktokenEngine(spec, SMALL_PIECES);
            List<String> own = new ArrayList<>(texts);
            own.add(AdversarialTexts.specialStrings(small.descriptor().specialTokens()));
            for (String text : own) {
                assertEquals(reference.encodeOrdinary(text).size(), small.count(text, false),
                        () -> spec.name() + " on " + AdversarialTexts.describe(text));
            }
            assertEquals(reference.encodeOrdinary(corpus).size(),
                    new TiktokenEngine(spec, DEFAULT_PIECES).count(corpus, false), spec.name() + " on 10 MB");
        }
    }

    @Test
    void aLongTextWithoutAnyCutIsCountedExactly() {
        Hf gpt2 = HF.stream().filter(h -> h.name().equals("gpt2")).findFirst().orElseThrow();
        String noCut = "word, ".repeat(2000) + "end\n \n";
        assertEquals(noCut.length(), ChunkBoundaries.nextCut(noCut, 0), "no allowed cut in the text");
        assertEquals(gpt2.plain().encode(noCut, false, false).getIds().length, gpt2.small().count(noCut, false));
    }
}
