package dev.llmplatform.gateway.tokenizer;

import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.error.GrpcErrors;
import dev.llmplatform.gateway.grpc.ChannelPool;
import dev.llmplatform.proto.tokenizer.v1.MutinyTokenizerServiceGrpc;
import dev.llmplatform.proto.tokenizer.v1.MutinyTokenizerServiceGrpc.MutinyTokenizerServiceStub;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Calls the tokenizer service with a deadline on every call and maps failures to {@link
 * dev.llmplatform.gateway.error.ApiException} (404 unknown tokenizer, 503 down or slow). No retries: a failing
 * tokenizer service gets one call per client request.
 */
@ApplicationScoped
public class TokenizerClient {

    private final ChannelPool channels;
    private final GatewayConfig config;

    TokenizerClient(ChannelPool channels, GatewayConfig config) {
        this.channels = channels;
        this.config = config;
    }

    /** Runs one call on a fresh stub with the configured deadline. */
    public <T> Uni<T> call(Function<MutinyTokenizerServiceStub, Uni<T>> rpc) {
        return ChannelPool.connectingNow(channels.channel(config.tokenizer().address()))
                .chain(channel -> rpc.apply(MutinyTokenizerServiceGrpc.newMutinyStub(channel)
                        .withDeadlineAfter(config.tokenizer().deadline().toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(GrpcErrors::fromTokenizer);
    }
}
