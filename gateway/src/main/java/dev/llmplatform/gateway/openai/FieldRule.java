package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * What the gateway does with a documented request field it does not act on: ignore it, when OpenAI documents it as
 * advisory (metadata, storage, billing, caching hints: no effect on the answer), or accept only the values that have
 * no effect and refuse any other with {@code unsupported_parameter}, saying {@code why}.
 *
 * @param name     the field, as on the wire
 * @param advisory ignored whatever its value
 * @param noEffect the values accepted because they change nothing (null, "not sent", always is)
 * @param why      why another value cannot be served
 */
public record FieldRule(String name, boolean advisory, Predicate<JsonNode> noEffect, String why) {

    /** A field OpenAI documents as having no effect on the output. */
    public static FieldRule advisory(String name) {
        return new FieldRule(name, true, value -> true, "");
    }

    /** A field accepted only with a value that changes nothing. */
    public static FieldRule onlyIf(String name, Predicate<JsonNode> noEffect, String why) {
        return new FieldRule(name, false, noEffect, why);
    }

    /** A field refused whenever it is sent (not null). */
    public static FieldRule refused(String name, String why) {
        return new FieldRule(name, false, value -> false, why);
    }

    /** Whether the value is accepted. */
    public boolean accepts(JsonNode value) {
        return advisory || value == null || value.isNull() || noEffect.test(value);
    }
}
