package dev.llmplatform.compare;

import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.testsupport.ServiceProcess;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Measures one model: starts the packaged inference service on it as a process, times start to ready, reads its
 * memory from /proc, runs the prompts over gRPC and stops it.
 */
public final class ModelRunner {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CALL_DEADLINE = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 50;
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final Path serviceJar;
    private final Path logDir;
    private final List<Prompt> prompts;
    private final int maxTokens;

    /**
     * @param serviceJar the inference service's {@code quarkus-run.jar}
     * @param logDir     where each service's log goes
     * @param prompts    the prompt set
     * @param maxTokens  max_tokens per prompt, lowered per prompt to what the model's context leaves
     */
    public ModelRunner(Path serviceJar, Path logDir, List<Prompt> prompts, int maxTokens) {
        this.serviceJar = serviceJar;
        this.logDir = logDir;
        this.prompts = List.copyOf(prompts);
        this.maxTokens = maxTokens;
    }

    /**
     * Measures one model; a model whose service fails gives a result with the reason, never an exception.
     *
     * @param label a file-name-safe label, used for the service's log file
     */
    public ModelResult run(ModelFacts facts, String label) {
        int port = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("LLM_MODEL", facts.path().toAbsolutePath().toString());
        env.put("LLM_SLOTS", "1");
        try (ServiceProcess service = new ServiceProcess(label, serviceJar, port, Map.of(), env, logDir)) {
            long start = System.nanoTime();
            try {
                service.start();
            } catch (IllegalStateException e) {
                return ModelResult.failed(facts, "the service could not be started: " + e.getMessage());
            }
            Optional<String> notReady = awaitReady(service, port);
            if (notReady.isPresent()) {
                return ModelResult.failed(facts, notReady.get());
            }
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            Optional<Long> pid = ProcessMemory.childPidOnPort(port);
            OptionalLong readyRss = pid.map(p -> ProcessMemory.kib(p, "VmRSS")).orElse(OptionalLong.empty());
            List<PromptResult> results = runPrompts(port);
            OptionalLong peak = pid.map(p -> ProcessMemory.kib(p, "VmHWM")).orElse(OptionalLong.empty());
            return new ModelResult(facts, loadSeconds, readyRss, peak, results, "");
        }
    }

    private List<PromptResult> runPrompts(int port) {
        List<PromptResult> results = new ArrayList<>();
        try (GenerationClient client = new GenerationClient(port, CALL_DEADLINE)) {
            ModelInfo info = client.modelInfo();
            for (Prompt prompt : prompts) {
                results.add(runPrompt(client, info, prompt));
            }
        } catch (StatusRuntimeException e) {
            results.add(PromptResult.failed("(model info)", maxTokens, e.getStatus().getCode() + ": "
                    + e.getStatus().getDescription()));
        }
        return results;
    }

    /**
     * Caps max_tokens to the slot's context minus the prompt's tokens. The prompt is counted as the plain text a
     * model without chat template gets (exact there); a template adds tokens this count misses, so a model with a
     * template and a context too small for it answers INVALID_ARGUMENT, which is reported as that prompt's error.
     */
    private PromptResult runPrompt(GenerationClient client, ModelInfo info, Prompt prompt) {
        int promptTokens;
        try {
            promptTokens = client.tokenCount(prompt.plainText());
        } catch (StatusRuntimeException e) {
            return PromptResult.failed(prompt.id(), maxTokens, e.getStatus().getCode() + ": "
                    + e.getStatus().getDescription());
        }
        int room = info.getContextLength() - promptTokens;
        if (room < 1) {
            return PromptResult.failed(prompt.id(), 0, "prompt has " + promptTokens + " tokens, no room left in the "
                    + info.getContextLength() + "-token context");
        }
        return client.generate(prompt, Math.min(maxTokens, room));
    }

    /**
     * Polls readiness every 50 ms; empty when ready, else why not. Once the port answers (HTTP 503 while loading),
     * a probe every second detects a refused model, which would otherwise keep readiness DOWN until the timeout.
     */
    private static Optional<String> awaitReady(ServiceProcess service, int port) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long nextProbe = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                return Optional.of("the service exited before it was ready; see " + service.log());
            }
            int status = service.readyStatus();
            if (status == 200) {
                return Optional.empty();
            }
            if (status != -1 && System.nanoTime() >= nextProbe) {
                nextProbe = System.nanoTime() + PROBE_INTERVAL.toNanos();
                try (GenerationClient probe = new GenerationClient(port, CALL_DEADLINE)) {
                    if (probe.modelFailedToLoad()) {
                        return Optional.of("the service refused the model (readiness stays DOWN); see "
                                + service.log());
                    }
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting for readiness");
            }
        }
        return Optional.of("not ready within " + READY_TIMEOUT.toMinutes() + " minutes (a refused model keeps "
                + "readiness DOWN); see " + service.log());
    }
}
