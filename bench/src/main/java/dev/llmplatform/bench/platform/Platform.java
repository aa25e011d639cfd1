package dev.llmplatform.bench.platform;

import dev.llmplatform.testsupport.ServiceProcess;
import dev.llmplatform.testsupport.TestAssets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The packaged platform as separate processes on 127.0.0.1: a tokenizer service on the asset tokenizers, one or
 * more inference replicas of one model, and a gateway routing to all of them. Built with
 * {@link ServiceProcess}, as the end-to-end tests start it.
 */
public final class Platform implements AutoCloseable {

    /** How long a service may take to become ready. */
    public static final Duration START = Duration.ofSeconds(180);

    private final ServiceProcess tokenizer;
    private final List<ServiceProcess> inference = new ArrayList<>();
    private final ServiceProcess gateway;

    private Platform(PlatformConfig config) {
        tokenizer = tokenizerProcess(config);
        for (int i = 0; i < config.replicas(); i++) {
            inference.add(inferenceProcess(config, "inference-" + (i + 1)));
        }
        String endpoints = inference.stream().map(p -> "127.0.0.1:" + p.port()).collect(Collectors.joining(","));
        gateway = new ServiceProcess("gateway", ServiceProcess.packagedJar("gateway"), ServiceProcess.freePort(),
                Map.of(), Map.of("TOKENIZER_ADDRESS", "127.0.0.1:" + tokenizer.port(), "INFERENCE_ENDPOINTS",
                        endpoints), config.logs());
    }

    /** Starts every process and waits until all are ready; stops what started when one fails. */
    public static Platform start(PlatformConfig config) {
        Platform platform = new Platform(config);
        try {
            platform.tokenizer.start();
            platform.inference.forEach(ServiceProcess::start);
            platform.gateway.start();
            platform.tokenizer.awaitReady(START);
            platform.inference.forEach(p -> p.awaitReady(START));
            platform.gateway.awaitReady(START);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** The tokenizer service process (not started). */
    public static ServiceProcess tokenizerProcess(PlatformConfig config) {
        return new ServiceProcess("tokenizer-service", ServiceProcess.packagedJar("tokenizer-service"),
                ServiceProcess.freePort(), Map.of(),
                Map.of("LLM_TOKENIZERS_DIR", TestAssets.dir("tokenizers").toString()), config.logs());
    }

    /** One inference replica process (not started). */
    public static ServiceProcess inferenceProcess(PlatformConfig config, String name) {
        Map<String, String> env = new HashMap<>();
        env.put("LLM_MODEL", config.model().toString());
        env.put("LLM_MODEL_NAME", config.modelName());
        env.put("LLM_THREADS", Integer.toString(config.threads()));
        env.put("LLM_SLOTS", Integer.toString(config.slots()));
        env.put("LLM_CONTEXT", Integer.toString(config.context()));
        return new ServiceProcess(name, ServiceProcess.packagedJar("inference-service"), ServiceProcess.freePort(),
                Map.of(), env, config.logs());
    }

    /** The tokenizer service. */
    public ServiceProcess tokenizer() {
        return tokenizer;
    }

    /** The inference replicas, in the order given to the gateway. */
    public List<ServiceProcess> inference() {
        return List.copyOf(inference);
    }

    /** The gateway. */
    public ServiceProcess gateway() {
        return gateway;
    }

    /** Every process with its role name. */
    public Map<String, ServiceProcess> all() {
        Map<String, ServiceProcess> all = new java.util.LinkedHashMap<>();
        all.put("gateway", gateway);
        all.put("tokenizer-service", tokenizer);
        for (int i = 0; i < inference.size(); i++) {
            all.put("inference-" + (i + 1), inference.get(i));
        }
        return all;
    }

    /** Stops every process (SIGTERM, then kill after 20 s), gateway first. */
    @Override
    public void close() {
        gateway.close();
        inference.forEach(ServiceProcess::close);
        tokenizer.close();
    }
}
