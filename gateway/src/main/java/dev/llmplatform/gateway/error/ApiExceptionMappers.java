package dev.llmplatform.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.llmplatform.gateway.backend.BackendFailure;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The REST API's exception mappers: every failure goes through {@link ErrorMapping}. The specific types are listed
 * so that none of Quarkus' own mappers (an empty 400 for a body of the wrong shape, an HTML 404) answers instead.
 */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response backend(BackendFailure e) {
        return toResponse(ErrorMapping.of(e));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return toResponse(ErrorMapping.of(e));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return toResponse(ErrorMapping.of(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return toResponse(ErrorMapping.of(e));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return toResponse(ErrorMapping.of(e));
    }

    /** The JSON error response for an {@link ApiException}. */
    public static Response toResponse(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body());
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        return builder.build();
    }
}
