package dev.llmplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding and browser hardening: allowed origins come from configuration (here the default, the loopback
 * origins of the test port), never from Host; every response carries nosniff, frame protection and a CSP.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class BrowserHardeningTest {

    private static final String REBOUND = "Host: evil.example:18180\r\nOrigin: http://evil.example:18180\r\n";
    private static final String LOCAL = "http://localhost:18180";

    @Test
    void aReboundPageIsRefusedOnRestWebSocketAndPreflight() throws Exception {
        RawHttp.Reply models = RawHttp.send("GET", "/v1/models", REBOUND, null);
        assertEquals(403, models.status(), models.body());
        assertTrue(models.body().contains("\"origin_not_allowed\""), models.body());
        assertEquals(403, RawHttp.send("POST", "/v1/chat/completions", REBOUND,
                ChatCompletionsTest.chat("hello", "")).status());
        assertEquals(403, RawHttp.handshake("/v1/chat/ws", REBOUND).status());
        assertEquals(403, RawHttp.send("OPTIONS", "/v1/chat/completions",
                REBOUND + "Access-Control-Request-Method: POST\r\n", null).status());
        assertEquals(403, RawHttp.send("GET", "/v1/models", "Origin: null\r\n", null).status());
    }

    @Test
    void aSameOriginRequestFromAReboundPageIsRefusedByItsHost() throws Exception {
        RawHttp.Reply rebound = RawHttp.send("GET", "/v1/models",
                "Host: evil.example:18180\r\nSec-Fetch-Site: same-origin\r\n", null);
        assertEquals(403, rebound.status(), rebound.body());
        assertEquals(403, RawHttp.send("GET", "/", "Host: evil.example:18180\r\nSec-Fetch-Site: none\r\n", null)
                .status());
        assertEquals(200, RawHttp.send("GET", "/", "Sec-Fetch-Site: none\r\n", null).status());
        assertEquals(200, RawHttp.send("GET", "/v1/models", "Host: gateway.internal:8080\r\n", null).status(),
                "a client that is no browser (no Origin, no Sec-Fetch-*) is not affected");
    }

    @Test
    void anAllowedOriginGetsCorsHeadersAndItsPreflightIsAnswered() throws Exception {
        RawHttp.Reply get = RawHttp.send("GET", "/v1/models", "Origin: " + LOCAL + "\r\n", null);
        assertEquals(200, get.status());
        assertEquals(LOCAL, get.header("Access-Control-Allow-Origin"));
        RawHttp.Reply preflight = RawHttp.send("OPTIONS", "/v1/chat/completions", "Origin: http://127.0.0.1:18180\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n", null);
        assertEquals(204, preflight.status());
        assertEquals("http://127.0.0.1:18180", preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("Authorization"));
        assertEquals(101, RawHttp.handshake("/v1/chat/ws", "Origin: " + LOCAL + "\r\n").status());
        assertEquals(101, RawHttp.handshake("/v1/chat/ws", "Origin: http://[::1]:18180\r\n").status());
        assertEquals(403, RawHttp.handshake("/v1/chat/ws", "Origin: http://localhost:18181\r\n").status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/index.html", "/playground.html", "/chat.js", "/style.css", "/v1/models",
        "/v1/nothing-here", "/q/health/ready"})
    void everyResponseCarriesNosniffFrameProtectionAndTheStrictPolicy(String path) throws Exception {
        RawHttp.Reply reply = RawHttp.send("GET", path, null, null);
        assertEquals("nosniff", reply.header("X-Content-Type-Options"), path);
        assertEquals("DENY", reply.header("X-Frame-Options"), path);
        String csp = reply.header("Content-Security-Policy");
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(csp.contains("ws://localhost:18180"), csp);
        assertFalse(csp.contains("unsafe"), csp);
    }

    @Test
    void swaggerUiKeepsFrameProtectionWithItsInlineScript() throws Exception {
        RawHttp.Reply reply = RawHttp.send("GET", "/q/swagger-ui/", null, null);
        assertEquals(200, reply.status(), reply.head());
        assertTrue(reply.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("DENY", reply.header("X-Frame-Options"));
        assertNull(RawHttp.send("GET", "/q/swagger-ui/", "Origin: http://evil.example\r\n", null)
                .header("Access-Control-Allow-Origin"));
    }
}
