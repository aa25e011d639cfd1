package dev.llmplatform.gateway.fakes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts {@link GrpcFakes} for a Quarkus test run and points the gateway at them (the inference endpoints through
 * Stork's static list, the tokenizer client's host and port); a test gets them in a field marked
 * {@link InjectFakes}. No static state: each start has its own fakes.
 */
public final class FakeBackends implements QuarkusTestResourceLifecycleManager {

    private GrpcFakes fakes;

    @Override
    public Map<String, String> start() {
        fakes = GrpcFakes.start();
        return Map.of(
                "quarkus.stork.inference.service-discovery.address-list", fakes.inferenceAddresses(),
                "quarkus.grpc.clients.tokenizer.host", "127.0.0.1",
                "quarkus.grpc.clients.tokenizer.port", String.valueOf(fakes.tokenizerPort()),
                "quarkus.grpc.clients.tokenizer.test-port", String.valueOf(fakes.tokenizerPort()),
                "gateway.tokenizer.deadline", "2s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fakes, new TestInjector.AnnotatedAndMatchesType(InjectFakes.class, GrpcFakes.class));
    }

    @Override
    public void stop() {
        if (fakes != null) {
            fakes.close();
        }
    }
}
