package dev.llmplatform.compare;

import dev.llmplatform.testkit.platform.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The model comparison command: for each model, starts the real inference service, runs the prompt set over gRPC,
 * and writes {@code comparison.md} and {@code comparison.png}. Run through {@code compare-models.sh}.
 */
public final class CompareMain {

    private CompareMain() {
    }

    /** Entry point; exits 2 on a usage error, 1 when no model could be measured. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CompareOptions options;
        List<Prompt> prompts;
        try {
            options = CompareOptions.parse(args);
            prompts = options.prompts().isPresent() ? PromptSet.read(options.prompts().get()) : PromptSet.builtIn();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("compare-models: " + e.getMessage());
            System.err.println(CompareOptions.USAGE);
            System.exit(2);
            return;
        }
        List<Path> candidates = !options.models().isEmpty() ? options.models()
                : options.dir().map(ModelDiscovery::under).orElseGet(() -> ModelDiscovery.defaults(System.getenv()));
        if (candidates.isEmpty()) {
            System.err.println("compare-models: no .gguf file found; pass --models or --dir");
            System.exit(2);
            return;
        }
        Path out = options.out();
        Files.createDirectories(out);
        ModelRunner runner = new ModelRunner(ServiceProcess.packagedJar("inference-service"), out.resolve("logs"),
                prompts, options.maxTokens());
        ModelSelection selection = ModelSelection.of(candidates);
        List<ModelResult> results = new ArrayList<>();
        for (ModelFacts facts : selection.models()) {
            System.out.println("measuring " + facts.path() + " ...");
            String label = "m" + (results.size() + 1) + "-" + facts.name().replaceAll("[^A-Za-z0-9._-]", "_");
            ModelResult result = runner.run(facts, label);
            System.out.println(summary(result));
            results.add(result);
        }
        List<String> skipped = selection.skipped();
        skipped.forEach(s -> System.out.println("skipped " + s));
        String when = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Path md = out.resolve("comparison.md");
        Files.writeString(md, ComparisonReport.render(results, skipped, prompts, options.maxTokens(), when),
                StandardCharsets.UTF_8);
        Path png = out.resolve("comparison.png");
        ComparisonChart.write(results, png);
        System.out.println("wrote " + md + " and " + png);
        if (results.stream().allMatch(r -> !r.error().isEmpty())) {
            System.exit(1);
        }
    }

    private static String summary(ModelResult r) {
        if (!r.error().isEmpty()) {
            return "  not measured: " + r.error();
        }
        long failed = r.prompts().stream().filter(PromptResult::failed).count();
        return "  load " + Units.number(r.loadSeconds(), 2, "s") + ", peak RSS " + Units.kib(r.peakRssKib())
                + ", TTFT p50 " + Units.number(r.ttftP50Client(), 1, "ms") + ", "
                + Units.number(r.tokensPerSecondP50Client(), 1, "tokens/s")
                + (failed > 0 ? ", " + failed + " prompt(s) failed" : "");
    }
}
