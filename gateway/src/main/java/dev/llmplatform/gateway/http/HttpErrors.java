package dev.llmplatform.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.error.ApiException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes an {@link ApiException} (the error {@link dev.llmplatform.gateway.error.ErrorMapping} decided) on a raw
 * Vert.x response, for the filters that answer before any route, with the status, headers and body the REST mappers
 * produce for the resources.
 */
public final class HttpErrors {

    private HttpErrors() {
    }

    /** Ends the response with the error, unless it was already ended or closed. */
    public static void write(HttpServerResponse response, ObjectMapper mapper, ApiException error) {
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json");
        if (error.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
        }
        response.end(json(mapper, error.body()));
    }

    /**
     * Ends the response with the error and then closes the connection: for requests whose remaining bytes must not
     * be read as another request (bad framing, a path refused before routing, a body that took too long).
     */
    public static void writeAndClose(HttpServerRequest request, ObjectMapper mapper, ApiException error) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            request.connection().close();
            return;
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(json(mapper, error.body())).onComplete(done -> request.connection().close());
    }

    /** Serializes a value that is known to be serializable (a record of strings and numbers). */
    public static String json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
