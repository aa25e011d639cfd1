package dev.llmplatform.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.config.GatewayConfig;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    static OriginPolicy policy(List<String> configured) {
        GatewayConfig config = (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("allowedOrigins")) {
                        return Optional.of(configured);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new OriginPolicy(config, 8080, 8081);
    }

    @Test
    void byDefaultOnlyTheLoopbackOriginsOfThePort() {
        OriginPolicy policy = policy(List.of());
        assertEquals(Set.of("http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080"), policy.origins());
        assertTrue(policy.allows("http://localhost:8080"));
        assertTrue(policy.allows("http://127.0.0.1:8080"));
        assertTrue(policy.allows("http://[::1]:8080"));
        assertFalse(policy.allows("http://localhost:8081"));
        assertFalse(policy.allows("https://localhost:8080"));
    }

    @Test
    void theHostHeaderNeverMakesAnOriginAllowed() {
        OriginPolicy policy = policy(List.of());
        assertFalse(policy.allows("http://evil.example"), "Host: evil.example + Origin: http://evil.example");
        assertFalse(policy.allows("http://evil.example:8080"));
        assertFalse(policy.allows("null"));
        assertFalse(policy.allows("::not a uri::"));
        assertFalse(policy.allows("http://localhost:8080/path"));
        assertFalse(policy.allows("http://user@localhost:8080"));
        assertFalse(policy.allows(null));
    }

    @Test
    void configuredOriginsReplaceTheDefaultAndAreNormalised() {
        OriginPolicy policy = policy(List.of("https://Chat.Example.org:443", "http://gw.internal:8080/"));
        assertTrue(policy.allows("https://chat.example.org"));
        assertTrue(policy.allows("HTTP://GW.INTERNAL:8080"));
        assertFalse(policy.allows("http://localhost:8080"));
        assertThrows(IllegalArgumentException.class, () -> policy(List.of("chat.example.org")));
    }

    @Test
    void hostHeadersOfBrowserRequestsMustNameAnAllowedHost() {
        OriginPolicy policy = policy(List.of());
        assertTrue(policy.allowsHostHeader("localhost:8080"));
        assertTrue(policy.allowsHostHeader("127.0.0.1:8080"));
        assertTrue(policy.allowsHostHeader("[::1]:8080"));
        assertFalse(policy.allowsHostHeader("evil.example:8080"));
        assertFalse(policy.allowsHostHeader("localhost.evil.example"));
        assertFalse(policy.allowsHostHeader(null));
        assertFalse(policy.allowsHostHeader("bad host"));
    }
}
