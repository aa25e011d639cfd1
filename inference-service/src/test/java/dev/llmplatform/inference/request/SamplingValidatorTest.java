package dev.llmplatform.inference.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.SamplingParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplingValidatorTest {

    private static final SamplingValidator VALIDATOR = new SamplingValidator(
            new SamplingDefaults(16, 0.8f, 0.95f, 40, 0.05f, 1f), 512, 1000);

    private static String refused(SamplingParams.Builder params) {
        InferenceError error = assertThrows(InferenceError.class, () -> VALIDATOR.validate(params.build()));
        assertEquals(InferenceError.Kind.INVALID_ARGUMENT, error.kind());
        return error.getMessage();
    }

    @Test
    void penaltiesAreOpenAisRangeAndDefaultToOff() {
        SamplingSettings none = VALIDATOR.validate(SamplingParams.getDefaultInstance());
        assertEquals(0f, none.presencePenalty());
        assertEquals(0f, none.frequencyPenalty());
        assertEquals("", none.jsonSchema());
        SamplingSettings set = VALIDATOR.validate(SamplingParams.newBuilder().setPresencePenalty(-2f)
                .setFrequencyPenalty(1.5f).build());
        assertEquals(-2f, set.presencePenalty());
        assertEquals(1.5f, set.frequencyPenalty());
        assertEquals("presence_penalty must be in [-2, 2], got 2.5",
                refused(SamplingParams.newBuilder().setPresencePenalty(2.5f)));
        assertEquals("frequency_penalty must be in [-2, 2], got NaN",
                refused(SamplingParams.newBuilder().setFrequencyPenalty(Float.NaN)));
        assertTrue(refused(SamplingParams.newBuilder().setFrequencyPenalty(Float.NEGATIVE_INFINITY))
                .startsWith("frequency_penalty must be in [-2, 2]"));
    }

    @Test
    void logitBiasTakesVocabularyIdsAndOpenAisRange() {
        assertEquals(Map.of(), VALIDATOR.validate(SamplingParams.getDefaultInstance()).logitBias());
        SamplingSettings set = VALIDATOR.validate(SamplingParams.newBuilder().putLogitBias(999, -100f)
                .putLogitBias(0, 100f).putLogitBias(7, 0.5f).build());
        assertEquals(List.of(0, 7, 999), List.copyOf(set.logitBias().keySet()), "ids in order");
        assertEquals(-100f, set.logitBias().get(999));
        assertEquals("logit_bias token id 1000 is not in the model's vocabulary (ids 0 to 999)",
                refused(SamplingParams.newBuilder().putLogitBias(1000, 1f)));
        assertEquals("logit_bias token id -1 is not in the model's vocabulary (ids 0 to 999)",
                refused(SamplingParams.newBuilder().putLogitBias(-1, 1f)));
        assertEquals("logit_bias[5] must be in [-100, 100], got 100.5",
                refused(SamplingParams.newBuilder().putLogitBias(5, 100.5f)));
        assertEquals("logit_bias[5] must be in [-100, 100], got NaN",
                refused(SamplingParams.newBuilder().putLogitBias(5, Float.NaN)));
        assertTrue(refused(SamplingParams.newBuilder().putLogitBias(5, Float.NEGATIVE_INFINITY))
                .startsWith("logit_bias[5] must be in [-100, 100]"));
        SamplingParams.Builder many = SamplingParams.newBuilder();
        for (int id = 0; id <= RequestLimits.MAX_LOGIT_BIAS_ENTRIES; id++) {
            many.putLogitBias(id, 1f);
        }
        assertEquals("logit_bias has 1025 entries, over the limit of 1024", refused(many));
        SamplingValidator unknownVocabulary = new SamplingValidator(new SamplingDefaults(16, 0.8f, 0.95f, 40, 0.05f,
                1f), 512, 0);
        InferenceError error = assertThrows(InferenceError.class, () -> unknownVocabulary.validate(
                SamplingParams.newBuilder().putLogitBias(1, 1f).build()));
        assertTrue(error.getMessage().contains("vocabulary size of this model is not known"), error.getMessage());
    }

    @Test
    void aSchemaIsCheckedAndWrittenOutAgain() {
        SamplingSettings settings = VALIDATOR.validate(SamplingParams.newBuilder()
                .setJsonSchema(" { \"type\" : \"object\" , \"title\": \"x\" } ").build());
        assertEquals("{\"type\":\"object\",\"title\":\"x\"}", settings.jsonSchema());
        assertEquals(settings.jsonSchema(), settings.withMaxTokens(3).jsonSchema());
    }

    private static String schemaRefused(String schema) {
        return refused(SamplingParams.newBuilder().setJsonSchema(schema));
    }

    @Test
    void everyKeywordTheConverterCannotEnforceIsRefusedByName() {
        assertEquals("json_schema keyword '/properties/name/pattern' is not supported: the keyword cannot be"
                + " enforced on the output",
                schemaRefused("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"pattern\":\"^a$\"}}}"));
        for (String keyword : new String[] {"uniqueItems", "patternProperties", "not", "if", "contains",
                "minProperties", "dependentRequired"}) {
            assertTrue(schemaRefused("{\"" + keyword + "\":true}").contains("'/" + keyword + "' is not supported"),
                    keyword);
        }
        assertTrue(schemaRefused("{\"type\":\"number\",\"minimum\":1}").contains("'/minimum' is honoured only"),
                "a number bound the converter would ignore");
        assertTrue(schemaRefused("{\"type\":\"integer\",\"maximum\":1.5}").contains("'/maximum'"));
        assertTrue(schemaRefused("{\"type\":\"string\",\"format\":\"email\"}").contains("'/format' must be one of"));
        assertTrue(schemaRefused("{\"type\":\"text\"}").contains("'/type' must be one of"));
        assertTrue(schemaRefused("{\"type\":\"array\",\"items\":[{\"type\":\"string\"}]}")
                .contains("'/items' must be a schema object"));
    }

    @Test
    void boundsKeepTheConverterFromRecursingOrWritingHugeRules() {
        assertTrue(schemaRefused("{\"type\":\"array\",\"maxItems\":1000000}").contains("from 0 to 256"));
        assertTrue(schemaRefused("{\"type\":\"string\",\"maxLength\":5000}").contains("from 0 to 1024"));
        String deep = "{\"items\":".repeat(40) + "{}" + "}".repeat(40);
        assertTrue(schemaRefused(deep).startsWith("json_schema "), deep);
        String big = "{\"description\":\"" + "x".repeat(RequestLimits.MAX_JSON_SCHEMA_BYTES) + "\"}";
        assertTrue(schemaRefused(big).contains("over the limit of " + RequestLimits.MAX_JSON_SCHEMA_BYTES));
    }

    @Test
    void refsMustBeLocalExistingAndNotLeftRecursive() {
        assertTrue(schemaRefused("{\"$ref\":\"https://example.com/s.json\"}").contains("#/$defs/"));
        assertTrue(schemaRefused("{\"$ref\":\"#/$defs/missing\"}").contains("#/$defs/"));
        assertTrue(schemaRefused("{\"$defs\":{\"a\":{\"anyOf\":[{\"$ref\":\"#/$defs/b\"}]},\"b\":{\"$ref\":"
                + "\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}").contains("refers to itself"));
        VALIDATOR.validate(SamplingParams.newBuilder().setJsonSchema("{\"$defs\":{\"node\":{\"type\":\"object\","
                + "\"properties\":{\"children\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/node\"}}}}},"
                + "\"$ref\":\"#/$defs/node\"}").build());
    }

    @Test
    void aSchemaMustBeOneJsonObject() {
        assertTrue(schemaRefused("{\"type\":").startsWith("json_schema is not valid JSON"));
        assertTrue(schemaRefused("{} {}").startsWith("json_schema is not valid JSON"));
        assertTrue(schemaRefused("{\"type\":\"object\",\"type\":\"array\"}").startsWith("json_schema is not valid"));
        assertEquals("json_schema must be a JSON object", schemaRefused("[1]"));
        assertEquals("json_schema must be a JSON object", schemaRefused("true"));
    }
}
