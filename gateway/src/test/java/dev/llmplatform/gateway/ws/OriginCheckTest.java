package dev.llmplatform.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.config.GatewayConfig;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginCheckTest {

    private static OriginCheck check(List<String> allowed) {
        GatewayConfig.Ws ws = () -> Optional.of(allowed);
        GatewayConfig config = (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("ws")) {
                        return ws;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new OriginCheck(config);
    }

    @Test
    void allowsNoOriginSameOriginAndListedOrigins() {
        OriginCheck check = check(List.of("https://chat.example.org"));
        assertTrue(check.permitted(null, "gw:8080"));
        assertTrue(check.permitted("http://gw:8080", "gw:8080"));
        assertTrue(check.permitted("https://CHAT.example.org", "gw:8080"));
    }

    @Test
    void refusesOtherOrigins() {
        OriginCheck check = check(List.of("https://chat.example.org"));
        assertFalse(check.permitted("http://evil.example", "gw:8080"));
        assertFalse(check.permitted("http://gw:8081", "gw:8080"));
        assertFalse(check.permitted("null", "gw:8080"));
        assertFalse(check.permitted("::not a uri::", "gw:8080"));
    }
}
