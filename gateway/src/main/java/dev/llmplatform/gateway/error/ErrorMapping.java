package dev.llmplatform.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmplatform.gateway.backend.BackendFailure;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * The one place that turns a failure into the error a client gets: status, {@code type}, {@code code},
 * {@code param} and message. Every path uses it: the REST mappers, the SSE error event, the WebSocket error frame and
 * the filters that answer before any route. Backend failures follow one rule (gateway/README.md, "Errors"); an
 * unexpected exception is logged and answered with a generic 500, so no stack trace, path or address reaches a
 * client.
 */
public final class ErrorMapping {

    private static final Logger LOG = Logger.getLogger(ErrorMapping.class);
    /** Longest backend message passed through. */
    static final int MAX_BACKEND_MESSAGE = 300;

    private ErrorMapping() {
    }

    /** The client's error for any failure. */
    public static ApiException of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof BackendFailure backend) {
            return fromBackend(backend);
        }
        if (cause instanceof JsonProcessingException json) {
            return JsonErrors.toApi(json);
        }
        if (cause instanceof WebApplicationException web) {
            return fromStatus(web.getResponse() == null ? 500 : web.getResponse().getStatus());
        }
        if (cause instanceof IOException io) {
            return fromBodyRead(io);
        }
        LOG.error("Unexpected failure", cause);
        return ApiException.internal("Internal error");
    }

    /**
     * A backend's refusal or failure. INVALID_ARGUMENT keeps the service's message (it names the field and the
     * numbers); a broken chat template is a 400 too ({@code template_unavailable}): the request cannot be served as
     * sent, retrying does not help, and a raw prompt still runs.
     */
    static ApiException fromBackend(BackendFailure failure) {
        String message = BackendMessages.cut(failure.getMessage());
        Integer retry = failure.retryAfterSeconds();
        return switch (failure.kind()) {
            case INVALID_ARGUMENT -> new ApiException(400, "invalid_request_error", BackendMessages.code(message),
                    BackendMessages.param(message), message, null);
            case TEMPLATE_UNAVAILABLE -> new ApiException(400, "invalid_request_error", "template_unavailable",
                    "messages", message, null);
            case MODEL_NOT_FOUND -> ApiException.notFound("model_not_found", "model", message);
            case WRONG_ENDPOINT -> new ApiException(400, "invalid_request_error", "model_not_supported", "model",
                    message, null);
            case TOKENIZER_NOT_FOUND -> ApiException.notFound("tokenizer_not_found", "tokenizer", message);
            case TOO_LARGE -> new ApiException(413, "invalid_request_error", "text_too_large", "text", message, null);
            case BUSY -> ApiException.overloaded(message, retry == null ? 1 : retry);
            case UNAVAILABLE -> new ApiException(503, "service_unavailable", "backend_unavailable", null, message,
                    retry == null ? 1 : retry);
            case DEADLINE -> ApiException.timeout(message);
            case STALLED -> ApiException.stalled(message);
            case FAILED -> new ApiException(502, "server_error", "backend_error", null, message, null);
            case GENERATION_FAILED -> new ApiException(502, "server_error", "generation_failed", null, message, null);
            case INCOMPLETE -> new ApiException(502, "server_error", "incomplete_stream", null, message, null);
        };
    }

    /**
     * A body that could not be read: one over the limit while Quarkus REST read it (it has already answered 413 and
     * closed the connection itself), or a client that went away.
     */
    static ApiException fromBodyRead(IOException failure) {
        LOG.debugf("Request body not read: %s", failure.getMessage());
        return "Request too large".equals(failure.getMessage()) ? fromStatus(413)
                : ApiException.malformed("The request body could not be read");
    }

    /** The errors JAX-RS raises itself: unknown path, wrong method, wrong media type, unreadable body. */
    static ApiException fromStatus(int status) {
        String message = switch (status) {
            case 400 -> "Malformed request body";
            case 401 -> "Missing or invalid API key";
            case 404 -> "No such endpoint";
            case 405 -> "Method not allowed on this endpoint";
            case 406 -> "Cannot produce the requested media type";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type; send application/json";
            default -> "Request failed";
        };
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        String code = status == 400 ? "invalid_json" : status == 413 ? "request_too_large" : null;
        return new ApiException(status, type, code, null, message, null);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || (current instanceof WebApplicationException && current.getCause() instanceof JsonProcessingException))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
