package dev.llmplatform.gateway.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.error.ApiException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static RequestParser parser() {
        GatewayConfig.Limits limits = (GatewayConfig.Limits) Proxy.newProxyInstance(
                GatewayConfig.Limits.class.getClassLoader(), new Class<?>[] {GatewayConfig.Limits.class},
                (p, m, a) -> switch (m.getName()) {
                    case "maxMessages" -> 3;
                    case "maxContentChars" -> 100;
                    case "maxStop" -> 2;
                    case "maxStopChars" -> 5;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        GatewayConfig config = (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class}, (p, m, a) -> limits);
        return new RequestParser(config);
    }

    private static ChatRequest chat(String json) throws Exception {
        return parser().chat(MAPPER.readTree(json));
    }

    private static ApiException refused(String json) {
        return assertThrows(ApiException.class, () -> chat(json));
    }

    @Test
    void keepsOnlyValidatedFields() throws Exception {
        ChatRequest r = chat("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi \"},{\"type\":\"text\",\"text\":\"there\"}]}],"
                + "\"max_tokens\":8,\"top_k\":40,\"stop\":\"END\",\"n_keep\":99,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");
        assertEquals("m", r.model());
        assertEquals("hi there", r.messages().get(1).content());
        assertEquals(8, r.params().getMaxTokens());
        assertEquals(40, r.params().getTopK());
        assertEquals("END", r.params().getStop(0));
        assertFalse(r.params().hasTemperature());
        assertTrue(r.stream());
        assertTrue(r.includeUsage());
        var grpc = r.toGenerateRequest("req-1");
        assertEquals(2, grpc.getChat().getMessagesCount());
        assertFalse(grpc.toString().contains("99"), "unknown fields are not forwarded");
    }

    @Test
    void refusesWithTheFieldAndTheNumbers() {
        String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        assertEquals("'top_p' must be > 0 and <= 1, got 0", refused(base + ",\"top_p\":0}").getMessage());
        assertEquals("'stop' may hold at most 2 strings, got 3", refused(base + ",\"stop\":[\"a\",\"b\",\"c\"]}").getMessage());
        assertEquals("each stop string must have 1 to 5 characters, got 6", refused(base + ",\"stop\":\"abcdef\"}").getMessage());
        assertEquals("'seed' must be an integer, got the number 1.5", refused(base + ",\"seed\":1.5}").getMessage());
        assertEquals("messages[0].content has 101 characters; the maximum is 100",
                refused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(101) + "\"}]}").getMessage());
        assertEquals("'messages' may contain at most 3 messages, got 4", refused("{\"model\":\"m\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"x\"},".repeat(3) + "{\"role\":\"user\",\"content\":\"x\"}]}").getMessage());
        assertEquals("the last message must have the role 'user'", refused("{\"model\":\"m\",\"messages\":"
                + "[{\"role\":\"assistant\",\"content\":\"x\"}]}").getMessage());
        assertEquals("n", refused(base + ",\"n\":2}").param());
    }

    @Test
    void completionNeedsExactlyOnePrompt() throws Exception {
        assertEquals("go", parser().completion(MAPPER.readTree("{\"model\":\"m\",\"prompt\":[\"go\"]}")).prompt());
        assertThrows(ApiException.class, () -> parser().completion(MAPPER.readTree("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}")));
        assertThrows(ApiException.class, () -> parser().completion(MAPPER.readTree("{\"model\":\"m\",\"prompt\":\"\"}")));
    }
}
