package dev.llmplatform.tokenizer.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus counters of the tokens this service produced or counted, by RPC and tokenizer
 * ({@code llm_tokenizer_tokens_total}), and calls whose work stopped because the caller went away
 * ({@code llm_tokenizer_calls_stopped_total}). Only names of served tokenizers become tags, after a successful call.
 * Per-method call counts and latencies come from Quarkus' gRPC server metrics.
 */
@ApplicationScoped
public class TokenMetrics {

    private final MeterRegistry registry;

    TokenMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records {@code tokens} tokens handled by {@code rpc} with {@code tokenizer}. */
    public void record(String rpc, String tokenizer, long tokens) {
        Counter.builder("llm.tokenizer.tokens").description("Tokens produced or counted")
                .tag("rpc", rpc).tag("tokenizer", tokenizer).register(registry).increment(tokens);
    }

    /** Records a call of {@code rpc} whose work was stopped because the caller cancelled or its deadline passed. */
    public void stopped(String rpc) {
        Counter.builder("llm.tokenizer.calls.stopped").description("Calls whose work stopped: caller gone")
                .tag("rpc", rpc).register(registry).increment();
    }
}
