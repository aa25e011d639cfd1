package dev.llmplatform.bench.tokenizer;

import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.cli.Table;
import dev.llmplatform.bench.platform.ModelChoice;
import dev.llmplatform.bench.platform.PlatformConfig;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suite {@code tokenizer}: encode/count throughput per tokenizer family, in-process (DJL / jtokkit) against the
 * tokenizer service over gRPC ({@code Encode}, {@code Count} per document, {@code CountBatch}) and the gateway's
 * REST API, one client thread throughout. The in-process part runs before the platform starts.
 */
public final class TokenizerSuite {

    /** The default families: BPE, WordPiece, Unigram and tiktoken encodings. */
    static final String FAMILIES = "gpt2,llama-3.1,qwen2.5,bert-base-uncased,t5-small,cl100k_base,o200k_base";
    /** CountBatch must reach this share of the in-process rate. */
    static final double TARGET = 0.8;
    private static final int BATCH = 64;

    private TokenizerSuite() {
    }

    /** The figures of one family. */
    private record Row(Throughput encode, Throughput count, Throughput grpcEncode, Throughput grpcCount,
            Throughput grpcBatch, Throughput restCount, Throughput restBatch) {
    }

    /** Runs the suite; returns the exit status. */
    public static int run(Options options) {
        double corpusMb = options.integer("corpus-mb", 2, 1, 64);
        int docBytes = options.integer("doc-bytes", 4096, 64, 1 << 20);
        int runs = options.integer("runs", 3, 1, 50);
        int warmup = options.integer("warmup-seconds", 5, 0, 600);
        List<String> families = List.of(options.string("families", FAMILIES).split(","));
        Path logs = Path.of(options.string("logs", "bench/target/bench-logs"));
        options.rejectUnknown();
        Corpus corpus = Corpus.build(TestAssets.file("conformance/inputs_3afc5a9.json"), (long) (corpusMb * 1e6),
                docBytes, 42);
        System.out.printf("tokenizer: corpus %d documents, %.2f MB, %d s warm-up then %d runs per figure (median),"
                + " batches of %d%n", corpus.documents().size(), corpus.bytes() / 1e6, warmup, runs, BATCH);
        Path dir = TestAssets.dir("tokenizers");
        Map<String, Throughput[]> local = new LinkedHashMap<>();
        for (String family : families) {
            System.out.println("-- in-process " + family);
            try (LocalTokenizer tokenizer = LocalTokenizer.open(family, dir)) {
                local.put(family, new Throughput[] {
                    Throughput.measure(corpus, runs, warmup, c -> c.documents().stream()
                            .mapToLong(tokenizer::encode).sum()),
                    Throughput.measure(corpus, runs, warmup, c -> c.documents().stream()
                            .mapToLong(tokenizer::count).sum())});
            }
        }
        ModelChoice tiny = ModelChoice.resolve("stories260k");
        PlatformConfig config = new PlatformConfig(tiny.path(), tiny.servedName(), 1, 1, 1, 512, logs);
        Map<String, Row> rows = new LinkedHashMap<>();
        try (Platform platform = Platform.start(config.spec());
                RemoteTokenizer remote = new RemoteTokenizer(platform.tokenizer().port(),
                        platform.gateway().baseUrl(), platform.grpcToken())) {
            for (String f : families) {
                System.out.println("-- service " + f);
                rows.put(f, new Row(local.get(f)[0], local.get(f)[1],
                        Throughput.measure(corpus, runs, warmup, c -> c.documents().stream()
                                .mapToLong(d -> remote.grpcEncode(f, d)).sum()),
                        Throughput.measure(corpus, runs, warmup, c -> c.documents().stream()
                                .mapToLong(d -> remote.grpcCount(f, d)).sum()),
                        Throughput.measure(corpus, runs, warmup, c -> Throughput.batches(c.documents(), BATCH)
                                .stream().mapToLong(b -> remote.grpcCountBatch(f, b)).sum()),
                        Throughput.measure(corpus, runs, warmup, c -> c.documents().stream()
                                .mapToLong(d -> remote.restCount(f, d)).sum()),
                        Throughput.measure(corpus, runs, warmup, c -> Throughput.batches(c.documents(), BATCH)
                                .stream().mapToLong(b -> remote.restCountBatch(f, b)).sum())));
            }
        }
        return print(rows);
    }

    private static int print(Map<String, Row> rows) {
        Table mbs = new Table("tokenizer throughput, MB/s of UTF-8 input (one client thread)", "tokenizer",
                "in-proc encode", "in-proc count", "gRPC Encode", "gRPC Count", "gRPC CountBatch", "REST count",
                "REST count/batch", "batch/in-proc", "target " + TARGET, "tokens in-proc", "tokens service");
        int below = 0;
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            double ratio = r.grpcBatch().mbPerSecond() / r.count().mbPerSecond();
            boolean met = ratio >= TARGET;
            below += met ? 0 : 1;
            String verdict = Double.isNaN(ratio) ? "failed" : met ? "met" : "BELOW";
            mbs.row(e.getKey(), r.encode().mbPerSecond(), r.count().mbPerSecond(), r.grpcEncode().mbPerSecond(),
                    r.grpcCount().mbPerSecond(), r.grpcBatch().mbPerSecond(), r.restCount().mbPerSecond(),
                    r.restBatch().mbPerSecond(), ratio, verdict, r.count().tokens(),
                    r.grpcBatch().tokens());
        }
        mbs.print(System.out);
        Table ratios = new Table("ratios to in-process count", "tokenizer", "gRPC Encode", "gRPC Count",
                "gRPC CountBatch", "REST count", "REST count/batch");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            double base = r.count().mbPerSecond();
            ratios.row(e.getKey(), r.grpcEncode().mbPerSecond() / base, r.grpcCount().mbPerSecond() / base,
                    r.grpcBatch().mbPerSecond() / base, r.restCount().mbPerSecond() / base,
                    r.restBatch().mbPerSecond() / base);
        }
        ratios.print(System.out);
        rows.forEach((name, r) -> List.of(r.encode(), r.count(), r.grpcEncode(), r.grpcCount(), r.grpcBatch(),
                r.restCount(), r.restBatch()).stream().filter(t -> !t.error().isEmpty()).findFirst()
                .ifPresent(t -> System.out.println("  " + name + ": a path failed: " + t.error())));
        System.out.println("  (token totals differ where the service adds special tokens per document and the "
                + "library call does not, or the reverse)");
        return below == 0 ? 0 : 1;
    }
}
