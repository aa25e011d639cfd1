package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the tokenizer service stopped the gateway answers 503 quickly. Named to run last: it stops a service. */
class ZTokenizerDownIT {

    private final Platform platform = Platform.get();

    @Test
    void tokenizeAnswers503QuicklyWhileTheTokenizerServiceIsDown() {
        platform.tokenizer.close();
        try {
            long start = System.nanoTime();
            Http.Reply reply = Http.post(platform.gateway.baseUrl() + "/v1/tokenize",
                    Map.of("tokenizer", "gpt2", "text", "hello"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(503, reply.status(), reply.raw());
            ErrorsIT.assertJsonError(reply);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "503 took " + took.toMillis() + " ms");
        } finally {
            platform.restartTokenizer();
        }
        Http.Reply reply = Http.post(platform.gateway.baseUrl() + "/v1/tokenize",
                Map.of("tokenizer", "gpt2", "text", "hello"));
        assertEquals(200, reply.status(), "the gateway recovers once the tokenizer service is back: " + reply.raw());
    }
}
