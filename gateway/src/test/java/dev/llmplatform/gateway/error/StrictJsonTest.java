package dev.llmplatform.gateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.llmplatform.gateway.config.StrictJson;
import dev.llmplatform.gateway.openai.ChatCompletionRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway's Jackson settings refuse wrong types, and the 400s name the field without Java internals. */
class StrictJsonTest {

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static ApiException refusal(String fields) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(
                "{\"x\":0" + fields + "}", ChatCompletionRequest.class));
        return JsonErrors.toApi(e);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        ",\"max_tokens\":1.5         | max_tokens | The field 'max_tokens' must be an integer of 32 bits, got the number 1.5",
        ",\"max_tokens\":\"16\"      | max_tokens | The field 'max_tokens' must be an integer of 32 bits, got a string",
        ",\"max_tokens\":true        | max_tokens | The field 'max_tokens' must be an integer of 32 bits, got true",
        ",\"max_tokens\":9999999999  | max_tokens | The field 'max_tokens' is out of range for an integer of 32 bits",
        ",\"seed\":1.0               | seed       | The field 'seed' must be an integer, got the number 1.0",
        ",\"temperature\":\"0.7\"    | temperature | The field 'temperature' must be a number, got a string",
        ",\"stream\":\"true\"        | stream     | The field 'stream' must be true or false, got a string",
        ",\"stream\":0               | stream     | The field 'stream' must be true or false, got the number 0",
        ",\"model\":5                | model      | The field 'model' must be a string, got the number 5",
        ",\"messages\":{}            | messages   | The field 'messages' must be an array, got an object",
        ",\"stream_options\":[]      | stream_options | The field 'stream_options' must be an object, got an array",
        ",\"model\":\"a\",\"model\":\"b\" | model | The field 'model' appears twice at line 1, column 27",
    })
    void wrongTypesAreRefusedNamingTheField(String fields, String param, String message) {
        ApiException refused = refusal(fields);
        assertEquals(400, refused.status());
        assertEquals(param, refused.param());
        assertEquals(message, refused.getMessage());
        assertFalse(refused.getMessage().contains("java") || refused.getMessage().contains("`"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"m\"} {}  | Unexpected data after the JSON value",
        "{\"model\":           | The JSON body ends too early",
        "[1]                   | The request body must be a JSON object, got an array",
    })
    void malformedBodiesAreInvalidJson(String body, String start) {
        ApiException refused = JsonErrors.toApi(assertThrows(JsonProcessingException.class,
                () -> MAPPER.readValue(body, ChatCompletionRequest.class)));
        assertEquals("invalid_json", refused.code());
        assertNull(refused.param());
        assertTrue(refused.getMessage().startsWith(start), refused.getMessage());
    }
}
