package dev.llmplatform.bench.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.bench.client.Json;
import dev.llmplatform.proto.tokenizer.v1.CountBatchRequest;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.EncodeRequest;
import dev.llmplatform.proto.tokenizer.v1.TokenizerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The tokenizer service over gRPC and the gateway's tokenizer REST API, as a benchmark client sees them. */
final class RemoteTokenizer implements AutoCloseable {

    private static final long DEADLINE_SECONDS = 60;
    private final ManagedChannel channel;
    private final TokenizerServiceGrpc.TokenizerServiceBlockingStub stub;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;

    RemoteTokenizer(int tokenizerPort, String gatewayBaseUrl) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", tokenizerPort).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        stub = TokenizerServiceGrpc.newBlockingStub(channel);
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
            return Json.tryParse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
