package dev.llmplatform.gateway.error;

import dev.llmplatform.gateway.http.Echo;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Collection;

/**
 * An error answered to a client: HTTP status plus the OpenAI error fields. Carries no stack trace, so nothing
 * internal can leak through it.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Integer retryAfterSeconds;

    /** Creates an error with every field given. */
    public ApiException(int status, String type, String code, String param, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 for a request that fails validation; {@code param} names the offending field. */
    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", "invalid_value", param, message, null);
    }

    /**
     * 400 for a field the gateway does not act on, sent with a value that would have an effect ({@code code:
     * unsupported_parameter}); the message names the field and says why.
     */
    public static ApiException unsupportedParameter(String param, String message) {
        return new ApiException(400, "invalid_request_error", "unsupported_parameter", param, message, null);
    }

    /** 400 for a field the gateway acts on, sent with a value it cannot serve ({@code code: unsupported_value}). */
    public static ApiException unsupportedValue(String param, String message) {
        return new ApiException(400, "invalid_request_error", "unsupported_value", param, message, null);
    }

    /** 400 for a field that is no part of the request's schema ({@code code: unknown_parameter}), a typo most often. */
    public static ApiException unknownParameter(String param) {
        return new ApiException(400, "invalid_request_error", "unknown_parameter", Echo.cut(param),
                "Unknown parameter: '" + Echo.cut(param) + "' is not a field of this request", null);
    }

    /** 400 for a body that is not valid JSON or has the wrong shape. */
    public static ApiException malformed(String message) {
        return new ApiException(400, "invalid_request_error", "invalid_json", null, message, null);
    }

    /** 404 for an unknown model. */
    public static ApiException modelNotFound(String model, Collection<String> served) {
        return new ApiException(404, "invalid_request_error", "model_not_found", "model",
                ModelNotFound.message(model, served), null);
    }

    /** 404 with a given code. */
    public static ApiException notFound(String code, String param, String message) {
        return new ApiException(404, "invalid_request_error", code, param, message, null);
    }

    /** 429 with Retry-After. */
    public static ApiException overloaded(String message, int retryAfterSeconds) {
        return new ApiException(429, "rate_limit_error", "overloaded", null, message, retryAfterSeconds);
    }

    /** 503: a backend is down, loading or draining. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, "service_unavailable", "backend_unavailable", null, message, 1);
    }

    /** 503 while the gateway shuts down: the client should reconnect (to another gateway pod). */
    public static ApiException shuttingDown() {
        return new ApiException(503, "service_unavailable", "shutting_down", null,
                "The gateway is shutting down; reconnect", 1);
    }

    /** 504: a backend did not answer in time. */
    public static ApiException timeout(String message) {
        return new ApiException(504, "timeout_error", "deadline_exceeded", null, message, null);
    }

    /** 504: a backend went silent (a stopped or hung process), so the request was given up. */
    public static ApiException stalled(String message) {
        return new ApiException(504, "timeout_error", "backend_stalled", null, message, null);
    }

    /** 500 with a generic message (details only in the log). */
    public static ApiException internal(String message) {
        return new ApiException(500, "server_error", "internal_error", null, message, null);
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** OpenAI error type, e.g. {@code invalid_request_error}. */
    public String type() {
        return type;
    }

    /** Machine-readable code, e.g. {@code model_not_found}. */
    public String code() {
        return code;
    }

    /** The request field at fault, or null. */
    public String param() {
        return param;
    }

    /** Seconds for Retry-After, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The body {@code {"error":{...}}}, with the trace id of the current span when the request is traced. */
    public ErrorBody body() {
        SpanContext span = Span.current().getSpanContext();
        return new ErrorBody(new ErrorBody.Detail(getMessage(), type, param, code,
                span.isValid() ? span.getTraceId() : null));
    }
}
