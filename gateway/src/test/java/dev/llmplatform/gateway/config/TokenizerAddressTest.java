package dev.llmplatform.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizerAddressTest {

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "app", 250))
                .withSources(new TokenizerAddress()).build();
    }

    @Test
    void theAddressBecomesTheTokenizerClientsHostAndPort() {
        SmallRyeConfig config = config(Map.of(TokenizerAddress.KEY, "tokenizer-service:8081"));
        assertEquals("tokenizer-service", config.getValue("quarkus.grpc.clients.tokenizer.host", String.class));
        assertEquals(8081, config.getValue("quarkus.grpc.clients.tokenizer.port", Integer.class));
    }

    @Test
    void anExpressionWithADefaultIsExpanded() {
        SmallRyeConfig config = config(Map.of(TokenizerAddress.KEY, "${NO_SUCH_VARIABLE_HERE:localhost:8081}"));
        assertEquals("localhost", config.getValue("quarkus.grpc.clients.tokenizer.host", String.class));
        assertEquals(8081, config.getValue("quarkus.grpc.clients.tokenizer.port", Integer.class));
    }

    @Test
    void theClientsOwnKeysWin() {
        SmallRyeConfig config = config(Map.of(TokenizerAddress.KEY, "a:1", "quarkus.grpc.clients.tokenizer.port", "2"));
        assertEquals(2, config.getValue("quarkus.grpc.clients.tokenizer.port", Integer.class));
        assertEquals("a", config.getValue("quarkus.grpc.clients.tokenizer.host", String.class));
    }
}
