package dev.llmplatform.gateway.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The OpenAI error shape: {@code {"error":{"message","type","param","code"}}}, plus the request's trace id. */
public record ErrorBody(Detail error) {

    /**
     * The error fields; {@code param} and {@code code} are written as null when absent, like OpenAI does;
     * {@code trace_id} only when the request is traced (the id to look the request up by in the tracing backend and
     * in the services' logs).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String param, String code,
            @JsonInclude(JsonInclude.Include.NON_NULL) String traceId) {

        /** The fields without a trace id. */
        public Detail(String message, String type, String param, String code) {
            this(message, type, param, code, null);
        }
    }
}
