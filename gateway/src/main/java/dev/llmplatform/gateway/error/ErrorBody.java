package dev.llmplatform.gateway.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The OpenAI error shape: {@code {"error":{"message","type","param","code"}}}. */
public record ErrorBody(Detail error) {

    /** The error fields; {@code param} and {@code code} are written as null when absent, like OpenAI does. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String param, String code) {
    }
}
