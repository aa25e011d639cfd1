package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInference;
import dev.llmplatform.gateway.inference.EndpointRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failover before the first token, and cancellation when an SSE client goes away. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class RoutingTest {

    @Inject
    EndpointRegistry registry;

    @Test
    void failureBeforeTheFirstTokenIsRetriedOnTheOtherEndpoint() {
        TestSupport.awaitReady();
        FakeBackends.SECOND.reportedRunning.set(3);
        registry.refresh().await().atMost(Duration.ofSeconds(5));
        int firstBefore = FakeBackends.FIRST.calls.get();
        int secondBefore = FakeBackends.SECOND.calls.get();
        FakeBackends.FIRST.failNext.set(1);
        try {
            given().contentType("application/json").body(ChatCompletionsTest.chat("hello", ""))
                    .post("/v1/chat/completions").then().statusCode(200)
                    .body("choices[0].message.content", equalTo(String.join("", FakeInference.PIECES)));
            assertEquals(firstBefore + 1, FakeBackends.FIRST.calls.get(), "the least-loaded endpoint was tried first");
            assertEquals(secondBefore + 1, FakeBackends.SECOND.calls.get(), "then the other one answered");
        } finally {
            FakeBackends.FIRST.failNext.set(0);
            FakeBackends.SECOND.reportedRunning.set(0);
            registry.refresh().await().atMost(Duration.ofSeconds(5));
        }
    }

    @Test
    void closingTheConnectionMidStreamCancelsTheInferenceCall() throws Exception {
        TestSupport.awaitReady();
        int cancelledBefore = FakeBackends.FIRST.cancelled.get() + FakeBackends.SECOND.cancelled.get();
        byte[] body = ChatCompletionsTest.chat("slow", ",\"stream\":true").getBytes(StandardCharsets.UTF_8);
        long closedAt;
        try (Socket socket = new Socket("localhost", 18180)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!seen.toString().contains("tick")) {
                int n = in.read(buffer);
                assertTrue(n > 0, "stream ended early: " + seen);
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertTrue(seen.toString().startsWith("HTTP/1.1 200"), seen.toString());
            closedAt = System.nanoTime();
        }
        while (FakeBackends.FIRST.cancelled.get() + FakeBackends.SECOND.cancelled.get() <= cancelledBefore) {
            assertTrue(System.nanoTime() - closedAt < 1_000_000_000L, "call not cancelled within 1 s");
            Thread.sleep(10);
        }
    }
}
