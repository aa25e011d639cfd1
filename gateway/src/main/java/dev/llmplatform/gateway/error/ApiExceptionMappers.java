package dev.llmplatform.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one exception mapper of the REST API: every failure becomes an OpenAI-shaped JSON error with the status of
 * {@link ApiException}. Validation errors are always 400. Unexpected exceptions are logged and answered with a
 * generic 500 message, so no stack trace, path or address reaches a client.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    /** Errors raised on purpose. */
    @ServerExceptionMapper
    public Response api(ApiException e) {
        return toResponse(e);
    }

    /** A body that is not JSON or does not fit the expected shape. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return toResponse(JsonErrors.malformed(e));
    }

    /**
     * A body of the wrong shape or with data after its JSON value; mapped here explicitly, as Quarkus' own mapper for
     * this type would otherwise answer an empty 400.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return toResponse(JsonErrors.malformed(e));
    }

    /** A gRPC failure that was not mapped where it happened. */
    @ServerExceptionMapper
    public Response grpc(StatusRuntimeException e) {
        return toResponse(GrpcErrors.fromInference(e, "unknown", 1));
    }

    /** JAX-RS errors: unknown path, wrong method, wrong media type, unreadable body. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
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
        return toResponse(new ApiException(status, type, status == 400 ? "invalid_json" : null, null, message, null));
    }

    /** Anything else: logged, answered with a generic message. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return toResponse(ApiException.internal("Internal error"));
    }

    /** Builds the JSON error response for an {@link ApiException}. */
    public static Response toResponse(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body());
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        return builder.build();
    }
}
