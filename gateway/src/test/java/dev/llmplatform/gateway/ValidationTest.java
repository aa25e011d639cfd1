package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Requests refused before anything reaches inference: every validation error is 400 in the OpenAI shape. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class ValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "max_tokens negative      | ,\"max_tokens\":-1                 | max_tokens",
        "max_tokens zero          | ,\"max_tokens\":0                  | max_tokens",
        "max_tokens fraction      | ,\"max_tokens\":1.5                | max_tokens",
        "max_tokens over context  | ,\"max_tokens\":1000000000         | max_tokens",
        "temperature string       | ,\"temperature\":\"hot\"           | temperature",
        "temperature negative     | ,\"temperature\":-1                | temperature",
        "top_p over one           | ,\"top_p\":2                       | top_p",
        "top_k negative           | ,\"top_k\":-3                      | top_k",
        "stream not boolean       | ,\"stream\":\"yes\"                | stream",
        "too many stops           | ,\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"] | stop",
        "chat template            | ,\"chat_template\":\"{{x}}\"       | chat_template",
    })
    void badParameterIs400(String name, String extra, String param) {
        int callsBefore = FakeBackends.FIRST.calls.get() + FakeBackends.SECOND.calls.get();
        given().contentType("application/json").body(ChatCompletionsTest.chat("hello", extra))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.message", containsString(param));
        assertEquals(callsBefore, FakeBackends.FIRST.calls.get() + FakeBackends.SECOND.calls.get(),
                "nothing reached inference");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty messages    | {\"model\":\"fake-model\",\"messages\":[]}                                   | messages",
        "unknown role      | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]} | messages[0].role",
        "missing model     | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}                          | model",
        "content a number  | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":5}]}    | messages[0].content",
        "empty user text   | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}  | messages[0].content",
    })
    void badMessagesAre400(String name, String body, String param) {
        given().contentType("application/json").body(body).post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo(param));
    }

    @Test
    void malformedJsonIs400WithAJsonBody() {
        given().contentType("application/json").body("{not json").post("/v1/chat/completions").then()
                .statusCode(400)
                .body("error.code", equalTo("invalid_json"))
                .body("error.message", containsString("line 1"))
                .body("error.message", not(containsString("dev.llmplatform")));
        given().contentType("application/json").body("{not json").post("/v1/tokenize").then()
                .statusCode(400).body("error.code", equalTo("invalid_json"));
    }

    @Test
    void longStopStringIs400WithTheNumbers() {
        String stop = "x".repeat(1000);
        given().contentType("application/json").body(ChatCompletionsTest.chat("hi", ",\"stop\":\"" + stop + "\""))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", containsString("1000"));
    }

    @Test
    void oversizedBodyIs413WithJsonQuickly() throws Exception {
        long start = System.nanoTime();
        int size = 64 * 1024 * 1024;
        try (Socket socket = new Socket("localhost", 18180)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("\"code\":\"request_too_large\""), response);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "413 took " + millis + " ms");
        given().contentType("application/json").body("{\"tokenizer\":\"words\",\"text\":\"" + "a".repeat(9_000_000)
                + "\"}").post("/v1/tokenize").then().statusCode(413).body("error.code", equalTo("request_too_large"));
    }

    @Test
    void hugeDeclaredBodyIs413BeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket("localhost", 18180)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("5000000000"), response);
        }
    }

    @Test
    void unknownPathIs404Json() {
        given().get("/v1/nothing-here").then().statusCode(404).body("error.message", equalTo("No such endpoint"));
    }

    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (text.contains("\r\n\r\n") && text.endsWith("}}")) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
