package dev.llmplatform.gateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {

    @Test
    void mapsInferenceStatuses() {
        ApiException invalid = GrpcErrors.fromInference(Status.INVALID_ARGUMENT
                .withDescription("prompt has 300 tokens; the context is 256").asRuntimeException(), "m", 2);
        assertEquals(400, invalid.status());
        assertEquals("prompt has 300 tokens; the context is 256", invalid.getMessage());
        ApiException busy = GrpcErrors.fromInference(Status.RESOURCE_EXHAUSTED.asRuntimeException(), "m", 2);
        assertEquals(429, busy.status());
        assertEquals(2, busy.retryAfterSeconds());
        assertEquals(503, GrpcErrors.fromInference(Status.UNAVAILABLE.asRuntimeException(), "m", 2).status());
        assertEquals(404, GrpcErrors.fromInference(Status.NOT_FOUND.asRuntimeException(), "m", 2).status());
    }

    @Test
    void transportDetailsDoNotLeak() {
        ApiException down = GrpcErrors.fromTokenizer(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new java.net.ConnectException("Connection refused: /10.0.0.7:8081")).asRuntimeException());
        assertEquals(503, down.status());
        assertFalse(down.getMessage().contains("10.0.0.7"));
        ApiException internal = GrpcErrors.fromTokenizer(Status.INTERNAL
                .withDescription("at /home/app/Foo.java:12").asRuntimeException());
        assertEquals(502, internal.status());
        assertFalse(internal.getMessage().contains("/home"));
    }

    @Test
    void retriesOnlyFailuresWhereAnotherEndpointMayHelp() {
        assertTrue(GrpcErrors.retriable(Status.UNAVAILABLE.asRuntimeException()));
        assertTrue(GrpcErrors.retriable(Status.RESOURCE_EXHAUSTED.asRuntimeException()));
        assertFalse(GrpcErrors.retriable(Status.INVALID_ARGUMENT.asRuntimeException()));
        assertFalse(GrpcErrors.retriable(Status.DEADLINE_EXCEEDED.asRuntimeException()));
    }
}
