package dev.llmplatform.bench.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.proto.tokenizer.v1.TokenizerServiceGrpc;
import dev.llmplatform.testkit.client.GrpcChannels;
import dev.llmplatform.testkit.client.HttpJson;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The tokenizer service over gRPC and the gateway's tokenizer REST API, as a benchmark client sees them. */
final class RemoteTokenizer implements AutoCloseable {

    private static final long DEADLINE_SECONDS = 60;
    private final ManagedChannel channel;
    private final TokenizerServiceGrpc.TokenizerServiceBlockingStub stub;
    private final HttpJson http = new HttpJson();
    private final String gateway;

    RemoteTokenizer(int tokenizerPort, String gatewayBaseUrl, Optional<String> grpcToken) {
        channel = GrpcChannels.plaintext(tokenizerPort, 64 << 20);
        stub = GrpcChannels.withToken(TokenizerServiceGrpc.newBlockingStub(channel), grpcToken);
        gateway = gatewayBaseUrl;
    }

    int grpcEncode(String tokenizer, String text) {
        return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .encode(EncodeRequest.newBuilder().setTokenizer(tokenizer).setText(text).build()).getCount();
    }

    int grpcCount(String tokenizer, String text) {
        return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .count(CountRequest.newBuilder().setTokenizer(tokenizer).setText(text).build()).getCount();
    }

    long grpcCountBatch(String tokenizer, List<String> texts) {
        return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .countBatch(CountBatchRequest.newBuilder().setTokenizer(tokenizer).addAllTexts(texts).build())
                .getTotal();
    }

    int restCount(String tokenizer, String text) {
        return post("/v1/tokenize/count", Map.of("tokenizer", tokenizer, "text", text)).path("count").asInt();
    }

    long restCountBatch(String tokenizer, List<String> texts) {
        return post("/v1/tokenize/count/batch", Map.of("tokenizer", tokenizer, "texts", texts)).path("total")
                .asLong();
    }

    private JsonNode post(String path, Object body) {
        HttpJson.Reply reply = http.post(gateway + path, body, Duration.ofSeconds(60));
        if (reply.status() == -1) {
            throw new IllegalStateException("POST " + path + " failed: " + reply.raw());
        }
        if (reply.status() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + reply.status() + ": "
                    + reply.raw().substring(0, Math.min(300, reply.raw().length())));
        }
        return reply.json();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
