package dev.llmplatform.gateway.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.config.StrictJson;
import dev.llmplatform.gateway.error.ApiException;
import org.junit.jupiter.api.Test;

class RequestMappingTest {

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static RequestMapping.Parsed chat(String json) throws Exception {
        return RequestMapping.chat(MAPPER.readValue(json, ChatCompletionRequest.class), "req-1");
    }

    private static ApiException refused(String json) {
        return assertThrows(ApiException.class, () -> chat(json));
    }

    @Test
    void keepsOnlyTheBoundFieldsAndNeverJudgesValues() throws Exception {
        RequestMapping.Parsed r = chat("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi \"},{\"type\":\"text\",\"text\":\"there\"}]}],"
                + "\"max_tokens\":8,\"top_k\":-40,\"stop\":\"END\",\"metadata\":{\"n\":99},\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"logprobs\":false,\"user\":\"u\"}");
        assertEquals("m", r.generation().model());
        Chat chat = r.generation().chat();
        assertEquals("hi there", chat.messages().get(1).content());
        assertEquals(8, r.generation().sampling().maxTokens());
        assertEquals(-40, r.generation().sampling().topK(), "ranges are the inference service's to judge");
        assertEquals("END", r.generation().sampling().stop().get(0));
        assertNull(r.generation().sampling().temperature());
        assertTrue(r.stream());
        assertTrue(r.includeUsage());
        assertFalse(r.generation().toString().contains("99"), "advisory fields are not forwarded");
    }

    @Test
    void refusesWhatMustNotBeIgnored() {
        String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        assertEquals("n", refused(base + ",\"n\":2}").param());
        assertEquals("chat_template", refused(base + ",\"chat_template\":\"{{x}}\"}").param());
        assertEquals("grammar", refused(base + ",\"grammar\":\"root ::= x\"}").param());
        assertEquals("max_tokens", refused(base + ",\"max_tokens\":0}").param());
        assertEquals("unknown_parameter", refused(base + ",\"n_keep\":99}").code());
        assertEquals("unsupported_parameter", refused(base + ",\"logprobs\":true}").code());
        assertEquals("unsupported_value", refused(base + ",\"n\":2}").code());
        assertEquals("'model' has 257 characters; the maximum is 256",
                refused("{\"model\":\"" + "m".repeat(257) + "\",\"messages\":[]}").getMessage());
    }

    @Test
    void acceptsNullAndTheDocumentedFieldsItIgnores() throws Exception {
        String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        assertEquals("m", chat(base + ",\"n\":1,\"grammar\":null,\"response_format\":{\"type\":\"text\"}}")
                .generation().model());
    }

    @Test
    void completionNeedsExactlyOnePrompt() throws Exception {
        assertEquals("go", RequestMapping.completion(MAPPER.readValue("{\"model\":\"m\",\"prompt\":[\"go\"]}",
                CompletionRequest.class), "r").generation().prompt());
        assertThrows(ApiException.class, () -> RequestMapping.completion(MAPPER.readValue(
                "{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}", CompletionRequest.class), "r"));
        assertEquals("", RequestMapping.completion(MAPPER.readValue("{\"model\":\"m\",\"prompt\":\"\"}",
                CompletionRequest.class), "r").generation().prompt(), "an empty prompt is the service's to refuse");
    }
}
