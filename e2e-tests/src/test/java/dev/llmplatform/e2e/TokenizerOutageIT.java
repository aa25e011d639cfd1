package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testkit.await.Await;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the tokenizer service stopped the gateway answers {@code /v1/tokenize} with 503 quickly, and answers 200 again
 * once the service is back. Stops a tokenizer service of its own, behind a gateway of its own (in front of the shared
 * stories260K replica), so the shared platform is never touched and the test can run in any order.
 */
class TokenizerOutageIT {

    private static final Duration RECOVER_WITHIN = Duration.ofSeconds(10);
    private final Platform platform = SharedPlatform.get();
    private final HttpJson http = new HttpJson();

    @Test
    void tokenizeAnswers503QuicklyWhileTheTokenizerServiceIsDownAndRecovers() {
        ServiceProcess tokenizer = platform.spec().tokenizerProcess("tokenizer-outage");
        ServiceProcess gateway = platform.spec().gatewayProcess("gateway-outage", tokenizer,
                List.of(platform.inference(SharedPlatform.STORIES_PROCESS)), Map.of());
        try {
            tokenizer.start();
            gateway.start();
            tokenizer.awaitReady(platform.spec().startTimeout());
            gateway.awaitReady(platform.spec().startTimeout());
            Platform.awaitRouted(gateway, 1, Duration.ofSeconds(30));
            HttpJson.Reply up = tokenize(gateway);
            assertEquals(200, up.status(), "tokenize works before the outage: " + up.raw());

            tokenizer.close();
            long start = System.nanoTime();
            HttpJson.Reply reply = tokenize(gateway);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(503, reply.status(), reply.raw());
            ErrorsIT.assertJsonError(reply);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "503 took " + took.toMillis() + " ms");

            tokenizer.start().awaitReady(platform.spec().startTimeout());
            // The gateway's channel to the tokenizer service reconnects with backoff.
            Await.until(() -> tokenize(gateway), r -> r.status() == 200, RECOVER_WITHIN,
                    "the gateway recovers once the tokenizer service is back");
        } finally {
            gateway.close();
            tokenizer.close();
        }
    }

    private HttpJson.Reply tokenize(ServiceProcess gateway) {
        return http.post(gateway.baseUrl() + "/v1/tokenize", Map.of("tokenizer", "gpt2", "text", "hello"));
    }
}
