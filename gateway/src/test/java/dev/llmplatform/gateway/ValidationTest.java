package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who refuses what. The gateway refuses shape and types (a wrong type, a missing field, data after the JSON,
 * duplicate keys, misleading fields) before anything reaches the backend; values (ranges, stop strings, roles) are
 * the inference service's to judge, and its message reaches the client unchanged. Every refusal is a 400 in the
 * OpenAI shape.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class ValidationTest {

    @Inject
    FakeInferenceBackend backend;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "max_tokens fraction      | ,\"max_tokens\":1.5                | max_tokens     | must be an integer",
        "max_tokens whole float   | ,\"max_tokens\":16.0               | max_tokens     | must be an integer",
        "max_tokens a string      | ,\"max_tokens\":\"10\"             | max_tokens     | got a string",
        "max_tokens over 32 bits  | ,\"max_tokens\":3000000000         | max_tokens     | out of range",
        "max_tokens zero          | ,\"max_tokens\":0                  | max_tokens     | model's default",
        "temperature string       | ,\"temperature\":\"hot\"           | temperature    | must be a number",
        "temperature boolean      | ,\"temperature\":true              | temperature    | must be a number",
        "top_k fraction           | ,\"top_k\":2.5                     | top_k          | must be an integer",
        "stream not boolean       | ,\"stream\":\"yes\"                | stream         | must be true or false",
        "stream a number          | ,\"stream\":1                      | stream         | must be true or false",
        "stop a number            | ,\"stop\":7                        | stop[0]        | must be a string",
        "stop list of numbers     | ,\"stop\":[1]                      | stop[0]        | must be a string",
        "stream_options a string  | ,\"stream_options\":\"x\"          | stream_options | must be an object",
        "duplicate key            | ,\"model\":\"other\"               | model          | appears twice",
        "chat template            | ,\"chat_template\":\"{{x}}\"       | chat_template  | server configuration",
        "template kwargs          | ,\"chat_template_kwargs\":{}       | chat_template_kwargs | server configuration",
        "grammar                  | ,\"grammar\":\"root ::= x\"        | grammar        | not accepted",
        "n above one              | ,\"n\":2                           | n              | must be 1",
    })
    void theGatewayRefusesShapeAndTypesBeforeTheBackend(String name, String extra, String param, String says) {
        int callsBefore = backend.calls.get();
        given().contentType("application/json").body(ChatCompletionsTest.chat("hello", extra))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.message", containsString(param))
                .body("error.message", containsString(says));
        assertEquals(callsBefore, backend.calls.get(), "nothing reached the backend");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "max_tokens negative   | ,\"max_tokens\":-1                   | max_tokens  | max_tokens must be between 0 and 256",
        "max_tokens over context | ,\"max_tokens\":1000000000         | max_tokens  | got 1000000000",
        "temperature negative  | ,\"temperature\":-1                  | temperature | temperature must be in [0, 2], got -1.0",
        "top_p over one        | ,\"top_p\":2                         | top_p       | top_p must be in (0, 1], got 2.0",
        "top_k negative        | ,\"top_k\":-3                        | top_k       | top_k must be between 0 and 10000, got -3",
        "seed negative         | ,\"seed\":-5                         | seed        | got -5",
        "too many stops        | ,\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"] |         | at most 4 stop strings are allowed, got 5",
        "empty stop            | ,\"stop\":[\"\"]                     | stop[0]     | stop[0] is empty",
    })
    void valuesAreTheInferenceServicesToJudgeAndItsMessagePassesThrough(String name, String extra, String param,
            String says) {
        int callsBefore = backend.calls.get();
        ValidatableResponse response = given().contentType("application/json")
                .body(ChatCompletionsTest.chat("hello", extra)).post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString(says));
        response.body("error.param", param == null ? nullValue() : equalTo(param));
        assertEquals(callsBefore + 1, backend.calls.get(), "the backend judged it");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing model     | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}                          | model",
        "missing messages  | {\"model\":\"fake-model\"}                                                      | messages",
        "messages a string | {\"model\":\"fake-model\",\"messages\":\"x\"}                                     | messages",
        "content a number  | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":5}]}    | messages[0].content",
        "image part        | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]} | messages[0].content",
        "missing role      | {\"model\":\"fake-model\",\"messages\":[{\"content\":\"x\"}]}                   | messages[0].role",
        "tool of a kind    | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"retrieval\",\"function\":{}}]} | tools[0].type",
        "parameters a list | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":[1]}}]} | tools[0].function.parameters",
        "arguments object  | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]},{\"role\":\"user\",\"content\":\"x\"}]} | messages[0].tool_calls[0].function.arguments",
    })
    void badMessageShapesAre400(String name, String body, String param) {
        given().contentType("application/json").body(body).post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo(param));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty messages | {\"model\":\"fake-model\",\"messages\":[]}                                    | chat has no messages",
        "unknown role   | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]} | messages[0].role must be system, user, assistant or tool",
        "ends with the assistant | {\"model\":\"fake-model\",\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]} | the last message must be from the user or a tool",
    })
    void chatRulesAreTheInferenceServicesToo(String name, String body, String says) {
        given().contentType("application/json").body(body).post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", containsString(says));
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
    void aLongStopStringIs400WithTheNumbers() {
        String stop = "x".repeat(1000);
        given().contentType("application/json").body(ChatCompletionsTest.chat("hi", ",\"stop\":\"" + stop + "\""))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", containsString("1000"));
    }

    @Test
    void oversizedBodyIs413WithJsonQuickly() throws Exception {
        long start = System.nanoTime();
        int size = 64 * 1024 * 1024;
        try (Socket socket = new Socket("localhost", RawHttp.PORT)) {
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
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        try (Socket socket = new Socket("localhost", RawHttp.PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/tokenize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            try {
                for (int i = 0; i < 9; i++) {
                    out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(block);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closed) {
                // the server may answer and close before the whole body is sent
            }
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), response);
        }
    }

    @Test
    void hugeDeclaredBodyIs413BeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket("localhost", RawHttp.PORT)) {
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
