package dev.llmplatform.tokenizer.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import dev.llmplatform.testsupport.TestAssets;
import dev.llmplatform.tokenizer.engine.ParallelCounter;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.hf.HuggingFaceEngine;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEncodingSpec;
import dev.llmplatform.tokenizer.tiktoken.TiktokenEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Throughput of token counting, printed as a table; not a test (timings never gate a build). For each tokenizer,
 * in the same run and on the same corpus: the plain library call (DJL {@code HuggingFaceTokenizer.encode(text)}
 * then the ids' length; jtokkit {@code encodeOrdinary(text).size()}), the service's previous count path (one
 * native encode of the whole text, ids only; jtokkit {@code countTokensOrdinary}), and the service's count now.
 * Each is repeated; the table shows the median MB/s (10^6 UTF-8 bytes per second) and the min-max spread.
 *
 * <p>Run from the module after {@code test-compile}: {@code java -cp target/test-classes:target/classes:$(cat
 * cp.txt) -Dllm.test.assets=/work/shared/assets dev.llmplatform.tokenizer.bench.CountThroughput [MB] [reps]}
 * with cp.txt from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}.
 */
public final class CountThroughput {

    private static final List<String> HF = List.of("gpt2", "llama-3.1", "qwen2.5", "bert-base-uncased", "t5-small",
            "falcon-7b", "mistral-v1", "phi-3-mini");
    private static final List<String> TIKTOKEN = List.of("cl100k_base", "o200k_base");

    private CountThroughput() {
    }

    /**
     * Measures; args: corpus size in MB (default 3), repetitions (default 5), piece size in UTF-16 units (default
     * {@link ParallelCounter#DEFAULT_PIECE_CHARS}), a comma-separated list of tokenizers (default all).
     */
    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pieceChars = args.length > 2 ? Integer.parseInt(args[2]) : ParallelCounter.DEFAULT_PIECE_CHARS;
        List<String> only = args.length > 3 ? List.of(args[3].split(",")) : List.of();
        ParallelCounter oneCore = new ParallelCounter(1, pieceChars);
        ParallelCounter allCores = new ParallelCounter(Runtime.getRuntime().availableProcessors(), pieceChars);
        String text = BenchCorpus.ofSize(mb * 1_000_000);
        double megabytes = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        System.out.printf("corpus %.2f MB (%d chars), %d reps, %d processors, loadavg %s%n", megabytes,
                text.length(), reps, Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf("pieces of %d chars%n", pieceChars);
        System.out.printf("%-18s %-22s %-22s %-22s %-22s %7s %7s %s%n", "tokenizer", "plain MB/s (min-max)",
                "previous MB/s", "service 1 thread", "service all cores", "x plain", "x prev", "tokens");
        Path dir = TestAssets.dir("tokenizers");
        for (String name : HF) {
            if (!only.isEmpty() && !only.contains(name)) {
                continue;
            }
            try (HuggingFaceTokenizer plain = HuggingFaceTokenizer.newInstance(dir.resolve(name).resolve(
                    "tokenizer.json"), Map.of("truncation", "false", "padding", "false"));
                    HuggingFaceEngine single = HuggingFaceEngine.load(name, dir.resolve(name), oneCore);
                    HuggingFaceEngine engine = HuggingFaceEngine.load(name, dir.resolve(name), allCores)) {
                long handle = plain.getHandle();
                row(name + (engine.countsInPieces() ? "" : " (whole)"), text, megabytes, reps, List.of(
                        t -> plain.encode(t).getIds().length,
                        t -> nativeIdsOnly(handle, t),
                        t -> single.count(t, true),
                        t -> engine.count(t, true)));
            }
        }
        for (String name : TIKTOKEN) {
            if (!only.isEmpty() && !only.contains(name)) {
                continue;
            }
            TiktokenEncodingSpec spec = TiktokenEncodingSpec.ALL.stream().filter(s -> s.name().equals(name))
                    .findFirst().orElseThrow();
            Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(spec.type());
            TokenizerEngine single = new TiktokenEngine(spec, oneCore);
            TokenizerEngine engine = new TiktokenEngine(spec, allCores);
            row(name, text, megabytes, reps, List.of(t -> encoding.encodeOrdinary(t).size(),
                    encoding::countTokensOrdinary, t -> single.count(t, false), t -> engine.count(t, false)));
        }
        System.out.printf("loadavg after: %s%n", loadAverage());
        System.exit(0);
    }

    private static int nativeIdsOnly(long handle, String text) {
        long encoding = TokenizersLibrary.LIB.encode(handle, text, true);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding).length;
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    private static void row(String name, String text, double megabytes, int reps,
            List<ToIntFunction<String>> paths) {
        int[] counts = new int[paths.size()];
        for (int p = 0; p < paths.size(); p++) {
            counts[p] = paths.get(p).applyAsInt(text); // warm-up, and the counts to compare
        }
        double[][] rates = new double[paths.size()][reps];
        for (int r = 0; r < reps; r++) {
            for (int p = 0; p < paths.size(); p++) { // interleaved, so that load changes hit every path alike
                long start = System.nanoTime();
                paths.get(p).applyAsInt(text);
                rates[p][r] = megabytes / ((System.nanoTime() - start) / 1e9);
            }
        }
        double[] medians = new double[paths.size()];
        List<String> cells = new ArrayList<>();
        for (int p = 0; p < paths.size(); p++) {
            double[] sorted = rates[p].clone();
            Arrays.sort(sorted);
            medians[p] = sorted[reps / 2];
            cells.add(String.format("%.2f (%.2f-%.2f)", medians[p], sorted[0], sorted[reps - 1]));
        }
        boolean same = Arrays.stream(counts).allMatch(c -> c == counts[0]);
        int last = paths.size() - 1;
        System.out.printf("%-18s %-22s %-22s %-22s %-22s %7.2f %7.2f %s%n", name, cells.get(0), cells.get(1),
                cells.get(2), cells.get(3), medians[last] / medians[0], medians[last] / medians[1],
                same ? String.valueOf(counts[0]) : "MISMATCH " + Arrays.toString(counts));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
