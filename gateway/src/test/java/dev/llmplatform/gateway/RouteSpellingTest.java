package dev.llmplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With API keys on, every spelling of every protected route gets the decision of the canonical path: a
 * non-canonical spelling is refused with 400 (with or without a key), a canonical one that is not public needs the
 * key (401). Sent over raw sockets, so the bytes are exactly the attacker's.
 */
@QuarkusTest
@TestProfile(ApiKeyTest.WithKeys.class)
@QuarkusTestResource(FakeBackends.class)
class RouteSpellingTest {

    private static final String KEY = "Authorization: Bearer k-one\r\n";

    /** A protected route: method, canonical path, a valid body. */
    record Route(String name, String method, String path, String body) {
    }

    /** A way to spell a path, and the status it must get without a key. */
    record Spelling(String name, UnaryOperator<String> spell, int status) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("chat", "POST", "/v1/chat/completions", ChatCompletionsTest.chat("hello", "")),
            new Route("completions", "POST", "/v1/completions",
                    "{\"model\":\"" + FakeInferenceBackend.MODEL + "\",\"prompt\":\"hello\"}"),
            new Route("models", "GET", "/v1/models", null),
            new Route("model by id", "GET", "/v1/models/" + FakeInferenceBackend.MODEL, null),
            new Route("tokenize", "POST", "/v1/tokenize", "{\"tokenizer\":\"words\",\"text\":\"hola\"}"),
            new Route("detokenize", "POST", "/v1/detokenize", "{\"tokenizer\":\"words\",\"ids\":[1,2]}"),
            new Route("count", "POST", "/v1/tokenize/count", "{\"tokenizer\":\"words\",\"text\":\"hola\"}"),
            new Route("count batch", "POST", "/v1/tokenize/count/batch", "{\"tokenizer\":\"words\",\"texts\":[\"a\"]}"),
            new Route("tokenizers", "GET", "/v1/tokenizers", null),
            new Route("compare", "POST", "/v1/tokenizers/compare", "{\"text\":\"a\",\"tokenizers\":[\"words\"]}"),
            new Route("language-efficiency", "POST", "/v1/tokenizers/language-efficiency", "{}"),
            new Route("cost", "POST", "/v1/tokenizers/cost",
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hola\"}]}"),
            new Route("websocket", "WS", "/v1/chat/ws", null));

    /** The one protected route outside /v1 (llama-server's path). */
    static final Route APPLY_TEMPLATE = new Route("apply-template", "POST", "/apply-template",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hola\"}]}");

    static final List<Spelling> SPELLINGS = List.of(
            new Spelling("empty matrix parameter", p -> "/v1;" + p.substring(3), 400),
            new Spelling("matrix parameter on a segment", p -> "/v1;x=1" + p.substring(3), 400),
            new Spelling("matrix parameter at the end", p -> p + ";x=1", 400),
            new Spelling("encoded slash", p -> "/v1%2F" + p.substring(4), 400),
            new Spelling("encoded slash, lower case", p -> "/v1%2f" + p.substring(4), 400),
            new Spelling("encoded semicolon", p -> "/v1%3B" + p.substring(3), 400),
            new Spelling("encoded dot segment", p -> "/v1/%2E" + p.substring(3), 400),
            new Spelling("encoded dot-dot segment", p -> "/v1/x/%2E%2E" + p.substring(3), 400),
            new Spelling("encoded percent", p -> "/v1/%252E" + p.substring(3), 400),
            new Spelling("dot segment", p -> "/v1/." + p.substring(3), 400),
            new Spelling("parent segment", p -> "/v1/x/.." + p.substring(3), 400),
            new Spelling("parent segment at the end", p -> p + "/x/..", 400),
            new Spelling("dot segment at the end", p -> p + "/.", 400),
            new Spelling("doubled separator", p -> "/v1/" + p.substring(3), 400),
            new Spelling("leading doubled separator", p -> "/" + p, 400),
            new Spelling("trailing separator", p -> p + "/", 400),
            new Spelling("backslash", p -> "/v1\\" + p.substring(4), 400),
            new Spelling("encoded backslash", p -> "/v1%5C" + p.substring(4), 400),
            new Spelling("encoded NUL at the end", p -> p + "%00", 400),
            new Spelling("trailing character", p -> p + "x", 401),
            new Spelling("trailing encoded space", p -> p + "%20", 401),
            new Spelling("upper-case version segment", p -> "/V1" + p.substring(3), 401),
            new Spelling("all upper case", p -> p.toUpperCase(Locale.ROOT), 401),
            new Spelling("absolute-form target", p -> "http://localhost:" + RawHttp.PORT + p, 401),
            new Spelling("canonical", p -> p, 401));

    static Stream<Arguments> everySpellingOfEveryRoute() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : ROUTES) {
            for (Spelling spelling : SPELLINGS) {
                cases.add(Arguments.of(route.name(), spelling.name(), route, spelling));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everySpellingOfEveryRoute")
    void everySpellingGetsTheDecisionOfTheCanonicalPath(String routeName, String spellingName, Route route,
            Spelling spelling) throws Exception {
        String target = spelling.spell().apply(route.path());
        RawHttp.Reply withoutKey = send(route, target, "");
        assertEquals(spelling.status(), withoutKey.status(), target + " -> " + withoutKey.body());
        // a backslash is refused by Vert.x's request-line parser already, with an empty 400 of its own
        boolean refusedByTheParser = withoutKey.status() == 400 && withoutKey.body().isEmpty() && target.contains("\\");
        assertTrue(refusedByTheParser || withoutKey.body().contains(spelling.status() == 400 ? "\"invalid_path\""
                : "\"invalid_api_key\""), "[" + withoutKey.head() + "] " + withoutKey.body());
        if (spelling.status() == 400) {
            RawHttp.Reply withKey = send(route, target, KEY);
            assertEquals(400, withKey.status(), "a key does not make a non-canonical path acceptable: " + target);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat", "completions", "models", "model by id", "tokenize", "detokenize", "count",
        "count batch", "tokenizers", "compare", "language-efficiency", "cost", "apply-template", "websocket"})
    void theCanonicalPathWithTheKeyReachesTheRoute(String name) throws Exception {
        Route route = route(name);
        RawHttp.Reply reply = send(route, route.path(), KEY);
        assertNotEquals(401, reply.status(), reply.body());
        assertNotEquals(400, reply.status(), reply.body());
        assertNotEquals(404, reply.status(), reply.body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat", "completions", "models", "model by id", "tokenize", "detokenize", "count",
        "count batch", "tokenizers", "compare", "language-efficiency", "cost", "apply-template"})
    void aKeyInTheQueryIsRefusedOutsideTheWebSocketHandshake(String name) throws Exception {
        Route route = route(name);
        for (String headers : new String[] {"", KEY}) {
            RawHttp.Reply reply = send(route, route.path() + "?api_key=k-one", headers);
            assertEquals(401, reply.status(), reply.body());
            assertTrue(reply.body().contains("Authorization: Bearer"), reply.body());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/apply-template;             | 400", "/apply-template;x=1          | 400", "/apply-template/   | 400",
        "//apply-template             | 400", "/apply-template/.            | 400", "/x/../apply-template | 400",
        "/apply%2Dtemplate%2F         | 400", "/apply-template%00           | 400", "/APPLY-TEMPLATE     | 401",
        "/%61pply-template            | 401", "/apply-template              | 401"})
    void everySpellingOfApplyTemplateGetsTheDecisionOfTheCanonicalPath(String target, int status) throws Exception {
        RawHttp.Reply withoutKey = send(APPLY_TEMPLATE, target, "");
        assertEquals(status, withoutKey.status(), target + " -> " + withoutKey.body());
        if (status == 400) {
            assertEquals(400, send(APPLY_TEMPLATE, target, KEY).status(), target);
        }
    }

    @Test
    void theWebSocketHandshakeTakesTheKeyInTheQueryOrTheHeader() throws Exception {
        assertEquals(101, RawHttp.handshake("/v1/chat/ws?api_key=k-two", null).status());
        assertEquals(101, RawHttp.handshake("/v1/chat/ws", KEY).status());
        assertEquals(401, RawHttp.handshake("/v1/chat/ws?api_key=wrong", null).status());
        assertEquals(401, RawHttp.send("GET", "/v1/chat/ws?api_key=k-two", null, null).status(),
                "a plain GET is no handshake");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/index.html", "/playground.html", "/chat.js", "/common.js", "/playground.js",
        "/style.css", "/q/health", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi"})
    void publicPathsNeedNoKey(String path) throws Exception {
        assertEquals(200, RawHttp.send("GET", path, null, null).status(), path);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/q/health/../../v1/models", "/q/health/%2E%2E/%2E%2E/v1/models",
        "/q/health;/../v1/models", "/index.html/..%2Fv1/models", "/q/swagger-ui/../../v1/tokenizers",
        "/q/health/..;/..;/v1/models", "/q/metrics/../../v1/models"})
    void aPublicPrefixCannotLeadToAProtectedRoute(String target) throws Exception {
        RawHttp.Reply reply = RawHttp.send("GET", target, null, null);
        assertEquals(400, reply.status(), target + " -> " + reply.body());
    }

    @Test
    void aPathNotListedAsPublicNeedsAKey() throws Exception {
        assertEquals(401, RawHttp.send("GET", "/v1/nothing-here", null, null).status());
        assertEquals(401, RawHttp.send("GET", "/q/dev-ui", null, null).status());
        assertEquals(404, RawHttp.send("GET", "/v1/nothing-here", KEY, null).status());
    }

    private static Route route(String name) {
        return name.equals(APPLY_TEMPLATE.name()) ? APPLY_TEMPLATE
                : ROUTES.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static RawHttp.Reply send(Route route, String target, String headers) throws Exception {
        return "WS".equals(route.method()) ? RawHttp.handshake(target, headers)
                : RawHttp.send(route.method(), target, headers, route.body());
    }
}
