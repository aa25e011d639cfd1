package dev.llmplatform.bench.load;

import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.GenerateClient;
import dev.llmplatform.testkit.client.GrpcChannels;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Bad inputs below the JSON level: a huge declared body and huge headers on a raw socket, an oversized WebSocket
 * message, a foreign Origin on the WebSocket handshake, and a too-short deadline and an oversized message on the
 * inference service's gRPC API ({@link RawWire} below HTTP).
 */
final class BadWireInputs {

    private final int gatewayPort;
    private final int inferencePort;
    private final Optional<String> grpcToken;
    private final ChatRequest chat;
    private final List<BadInputCase> cases = new ArrayList<>();

    BadWireInputs(int gatewayPort, int inferencePort, Optional<String> grpcToken, ChatRequest chat) {
        this.gatewayPort = gatewayPort;
        this.inferencePort = inferencePort;
        this.grpcToken = grpcToken;
        this.chat = chat;
    }

    List<BadInputCase> run() {
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        httpStatus(12, "9 MiB body (limit 8 MiB)", head + "Content-Length: " + (9 << 20) + "\r\n\r\n", 9 << 20,
                Set.of("413"));
        httpStatus(12, "declared 5 GB body, 16 MiB sent (limit 8 MiB)", head + "Content-Length: 5000000000\r\n\r\n",
                16 << 20, Set.of("413"));
        httpStatus(12, "64 KB header", head + "X-Big: " + "h".repeat(64 * 1024) + "\r\nContent-Length: 2\r\n\r\n{}",
                Set.of("431", "400", "413"));
        httpStatus(16, "WebSocket handshake with a foreign Origin", "GET /v1/chat/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://evil.example\r\n\r\n",
                Set.of("403", "400", "401"));
        oversizedWebSocketMessage();
        grpc();
        return List.copyOf(cases);
    }

    private void httpStatus(int item, String name, String request, Set<String> expected) {
        httpStatus(item, name, request, 0, expected);
    }

    private void httpStatus(int item, String name, String request, int bodyBytes, Set<String> expected) {
        RawWire.Answer answer = RawWire.send(gatewayPort, request, bodyBytes);
        cases.add(new BadInputCase(item, name, expected, answer.status() + " in " + answer.millis() + " ms",
                expected.contains(answer.status()), BadInputs.excerpt(answer.head())));
    }

    private void oversizedWebSocketMessage() {
        String big = "{\"type\":\"chat\",\"id\":\"big\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(2 << 20) + "\"}]}";
        String code = RawWire.closeCode(gatewayPort, socket -> socket.sendText(big, true));
        cases.add(new BadInputCase(14, "2 MiB WebSocket message (limit 1 MiB)", Set.of("1009"), "close " + code,
                code.equals("1009"), ""));
    }

    private void grpc() {
        ManagedChannel channel = GrpcChannels.plaintext(inferencePort, 16 << 20);
        try {
            InferenceServiceGrpc.InferenceServiceBlockingStub stub = GrpcChannels.withToken(
                    InferenceServiceGrpc.newBlockingStub(channel), grpcToken);
            GenerateRequest request = GenerateClient.request(chat);
            grpcCase(18, "gRPC Generate with a 1 ms deadline", Set.of("DEADLINE_EXCEEDED"),
                    () -> stub.withDeadlineAfter(1, TimeUnit.MILLISECONDS).generate(request).forEachRemaining(r -> { }));
            GenerateRequest huge = request.toBuilder().setChat(request.getChat().toBuilder().setMessages(0,
                    request.getChat().getMessages(0).toBuilder().setContent("x".repeat(6 << 20)))).build();
            // Over grpc-java's default 4 MiB inbound limit; a server configured higher may refuse the prompt instead.
            grpcCase(19, "gRPC Generate with a 6 MiB message", Set.of("RESOURCE_EXHAUSTED", "INVALID_ARGUMENT"),
                    () -> stub.withDeadlineAfter(30, TimeUnit.SECONDS).generate(huge).forEachRemaining(r -> { }));
        } finally {
            channel.shutdownNow();
        }
    }

    private void grpcCase(int item, String name, Set<String> expected, Runnable call) {
        String actual;
        long start = System.nanoTime();
        try {
            call.run();
            actual = "OK";
        } catch (StatusRuntimeException e) {
            actual = e.getStatus().getCode().name();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        cases.add(new BadInputCase(item, name, expected, actual + " in " + ms + " ms", expected.contains(actual),
                ""));
    }
}
