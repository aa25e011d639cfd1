package dev.llmplatform.compare;

import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import dev.llmplatform.testkit.client.GenerateClient;
import dev.llmplatform.testkit.client.GrpcChannels;
import dev.llmplatform.testkit.platform.ServiceProcess;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Measures one model: starts the packaged inference service on it as a process (the test kit's launcher), times
 * start to ready, reads its memory from /proc, runs the prompts over gRPC and stops it.
 */
public final class ModelRunner {

    /** The fixed sampling seed (temperature 0 makes it irrelevant for greedy decoding, but it is sent anyway). */
    public static final long SEED = 42;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CALL_DEADLINE = Duration.ofMinutes(5);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final Path serviceJar;
    private final Path logDir;
    private final List<Prompt> prompts;
    private final int maxTokens;
    private final Optional<String> grpcToken = GrpcChannels.configuredToken();

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
        Map<String, String> env = Map.of("LLM_MODEL", facts.path().toAbsolutePath().toString(), "LLM_SLOTS", "1");
        try (ServiceProcess service = new ServiceProcess(label, serviceJar, ServiceProcess.freePort(), Map.of(), env,
                logDir)) {
            long start = System.nanoTime();
            try {
                service.start();
            } catch (IllegalStateException e) {
                return ModelResult.failed(facts, "the service could not be started: " + e.getMessage());
            }
            Optional<String> notReady = awaitReady(service);
            if (notReady.isPresent()) {
                return ModelResult.failed(facts, notReady.get());
            }
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            OptionalLong readyRss = service.rssKib();
            List<PromptResult> results = runPrompts(service.port());
            OptionalLong peak = service.peakRssKib();
            return new ModelResult(facts, loadSeconds, readyRss, peak, results, "");
        }
    }

    private List<PromptResult> runPrompts(int port) {
        List<PromptResult> results = new ArrayList<>();
        try (GenerateClient client = new GenerateClient(port, CALL_DEADLINE, grpcToken)) {
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
    private PromptResult runPrompt(GenerateClient client, ModelInfo info, Prompt prompt) {
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
        int tokens = Math.min(maxTokens, room);
        return PromptResult.of(prompt.id(), tokens, client.generate(request(prompt, tokens)));
    }

    /** The prompt's chat at temperature 0 with the fixed seed. */
    static GenerateRequest request(Prompt prompt, int maxTokens) {
        Chat.Builder chat = Chat.newBuilder();
        prompt.messages().forEach(m -> chat.addMessages(ChatMessage.newBuilder().setRole(m.role())
                .setContent(m.content())));
        return GenerateRequest.newBuilder().setChat(chat)
                .setParams(SamplingParams.newBuilder().setMaxTokens(maxTokens).setTemperature(0f).setSeed(SEED))
                .setRequestId("compare-" + prompt.id()).build();
    }

    /**
     * Waits for readiness (polled every 50 ms); empty when ready, else why not. Once the port answers (HTTP 503 while
     * loading), a probe every second detects a refused model, which would otherwise keep readiness DOWN until the
     * timeout.
     */
    private Optional<String> awaitReady(ServiceProcess service) {
        long[] nextProbe = {System.nanoTime()};
        try {
            service.awaitReady(READY_TIMEOUT, status -> {
                if (status != -1 && System.nanoTime() >= nextProbe[0]) {
                    nextProbe[0] = System.nanoTime() + PROBE_INTERVAL.toNanos();
                    try (GenerateClient probe = new GenerateClient(service.port(), CALL_DEADLINE, grpcToken)) {
                        if (probe.modelFailedToLoad()) {
                            throw new ModelRefused();
                        }
                    }
                }
            });
            return Optional.empty();
        } catch (ModelRefused e) {
            return Optional.of("the service refused the model (readiness stays DOWN); see " + service.log());
        } catch (IllegalStateException e) {
            return Optional.of(service.isAlive()
                    ? "not ready within " + READY_TIMEOUT.toMinutes() + " minutes (a refused model keeps readiness "
                            + "DOWN); see " + service.log()
                    : "the service exited before it was ready; see " + service.log());
        }
    }

    /** Ends the wait for readiness: the service answered that it refused its model. */
    private static final class ModelRefused extends RuntimeException {
        ModelRefused() {
            super(null, null, false, false);
        }
    }
}
