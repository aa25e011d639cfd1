package dev.llmplatform.gateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.grpc.GrpcFailures;
import io.grpc.Status;
import jakarta.ws.rs.NotFoundException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The one error rule: gRPC status → backend failure → HTTP status and body. */
class ErrorMappingTest {

    private static ApiException inference(Status status) {
        return ErrorMapping.of(GrpcFailures.fromInference(status.asRuntimeException(), "m", 2));
    }

    @Test
    void mapsInferenceStatuses() {
        ApiException invalid = inference(Status.INVALID_ARGUMENT
                .withDescription("top_k must be between 0 and 10000, got -3"));
        assertEquals(400, invalid.status());
        assertEquals("top_k must be between 0 and 10000, got -3", invalid.getMessage(), "passed through unchanged");
        assertEquals("top_k", invalid.param());
        assertEquals("invalid_value", invalid.code());
        ApiException overflow = inference(Status.INVALID_ARGUMENT.withDescription(
                "prompt has 300 tokens and max_tokens is 64, together over the slot's context of 256 tokens"));
        assertEquals("context_length_exceeded", overflow.code());
        assertNull(overflow.param());
        ApiException role = inference(Status.INVALID_ARGUMENT.withDescription("messages[2].role must be system"));
        assertEquals("messages[2].role", role.param());
        ApiException template = inference(Status.FAILED_PRECONDITION.withDescription("chats cannot be served"));
        assertEquals(400, template.status());
        assertEquals("template_unavailable", template.code());
        ApiException busy = inference(Status.RESOURCE_EXHAUSTED);
        assertEquals(429, busy.status());
        assertEquals(2, busy.retryAfterSeconds());
        assertEquals(503, inference(Status.UNAVAILABLE).status());
        assertEquals(404, inference(Status.NOT_FOUND).status());
        assertEquals(504, inference(Status.DEADLINE_EXCEEDED).status());
        assertEquals(502, inference(Status.INTERNAL).status());
    }

    @Test
    void backendMessagesAreBounded() {
        ApiException invalid = inference(Status.INVALID_ARGUMENT.withDescription("x".repeat(10_000)));
        assertTrue(invalid.getMessage().length() <= ErrorMapping.MAX_BACKEND_MESSAGE + 1, invalid.getMessage());
    }

    @Test
    void transportDetailsDoNotLeak() {
        ApiException down = ErrorMapping.of(GrpcFailures.fromTokenizer(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new java.net.ConnectException("Connection refused: /10.0.0.7:8081")).asRuntimeException()));
        assertEquals(503, down.status());
        assertFalse(down.getMessage().contains("10.0.0.7"));
        ApiException internal = ErrorMapping.of(GrpcFailures.fromTokenizer(Status.INTERNAL
                .withDescription("at /home/app/Foo.java:12").asRuntimeException()));
        assertEquals(502, internal.status());
        assertFalse(internal.getMessage().contains("/home"));
        ApiException tooLarge = ErrorMapping.of(GrpcFailures.fromTokenizer(Status.RESOURCE_EXHAUSTED
                .withDescription("text is 2000000 bytes, over the limit of 1048576").asRuntimeException()));
        assertEquals(413, tooLarge.status());
        assertEquals("text_too_large", tooLarge.code());
    }

    @Test
    void everyOtherFailureHasItsPlace() {
        assertEquals(504, ErrorMapping.of(new BackendFailure(BackendFailure.Kind.STALLED, "silent")).status());
        assertEquals("backend_stalled", ErrorMapping.of(new CompletionException(
                new BackendFailure(BackendFailure.Kind.STALLED, "silent"))).code(), "wrappers are looked through");
        assertEquals(404, ErrorMapping.of(new NotFoundException()).status());
        ApiException unexpected = ErrorMapping.of(new IllegalStateException("secret detail"));
        assertEquals(500, unexpected.status());
        assertFalse(unexpected.getMessage().contains("secret"));
    }

    @Test
    void retriesOnlyFailuresWhereAnotherEndpointMayHelp() {
        assertTrue(GrpcFailures.retriable(Status.UNAVAILABLE.asRuntimeException()));
        assertTrue(GrpcFailures.retriable(Status.RESOURCE_EXHAUSTED.asRuntimeException()));
        assertFalse(GrpcFailures.retriable(Status.INVALID_ARGUMENT.asRuntimeException()));
        assertFalse(GrpcFailures.retriable(Status.DEADLINE_EXCEEDED.asRuntimeException()));
    }
}
