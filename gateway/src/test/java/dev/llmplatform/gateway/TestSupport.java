package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.await.Await;
import dev.llmplatform.testkit.client.WsChat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/** Helpers shared by the gateway tests; every wait goes through the test kit's {@link Await} (Awaitility). */
final class TestSupport {

    /** The test port's base URL. */
    static final String BASE = "http://localhost:" + RawHttp.PORT;
    /** The WebSocket chat client of the test kit, on the test port. */
    static final WsChat WS = new WsChat(BASE);
    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);

    private TestSupport() {
    }

    /** A one-message chat completion body for {@code model}, with extra top-level fields after a comma. */
    static String chat(String model, String content, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]"
                + extra + "}";
    }

    /** A WebSocket chat frame. */
    static String chatFrame(String model, String id, String content) {
        return "{\"type\":\"chat\",\"id\":\"" + id + "\",\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}],\"temperature\":0}";
    }

    /** The {@code data:} payloads of a streamed answer (it must be 200 and text/event-stream). */
    static List<String> sse(String path, String body) {
        String raw = given().contentType("application/json").body(body).post(path).then().statusCode(200)
                .header("Content-Type", containsString("text/event-stream")).extract().asString();
        List<String> events = new ArrayList<>();
        for (String line : raw.split("\n")) {
            if (line.startsWith("data:")) {
                events.add(line.substring(5).strip());
            }
        }
        return events;
    }

    /** The next frame that matches (others are dropped); fails after 10 s. */
    static JsonNode await(WsChat.Connection connection, Predicate<JsonNode> wanted) {
        long end = System.nanoTime() + FRAME_WAIT.toNanos();
        while (true) {
            JsonNode frame = connection.next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** A frame of a type for an id (any id when null). */
    static Predicate<JsonNode> frame(String type, String id) {
        return f -> type.equals(f.path("type").asText()) && (id == null || id.equals(f.path("id").asText()));
    }

    /** Waits until a counter reaches {@code expected}. */
    static void awaitAtLeast(IntSupplier counter, int expected, Duration timeout, String what) {
        Await.until(counter::getAsInt, n -> n >= expected, timeout, what);
    }
}
