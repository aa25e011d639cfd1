package dev.llmplatform.grpcauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Attributes;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SharedTokenInterceptorTest {

    private static final MethodDescriptor.Marshaller<String> STRINGS = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes());
        }

        @Override
        public String parse(InputStream stream) {
            return "";
        }
    };

    @Test
    void withoutATokenEveryCallPasses() {
        SharedTokenInterceptor interceptor = new SharedTokenInterceptor(Optional.of("  "));
        assertFalse(interceptor.enabled());
        assertNull(call(interceptor, "llmplatform.inference.v1.InferenceService/Generate", null));
    }

    @Test
    void theRightBearerTokenPasses() {
        SharedTokenInterceptor interceptor = new SharedTokenInterceptor(Optional.of("s3cret"));
        assertNull(call(interceptor, "llmplatform.inference.v1.InferenceService/Generate", "Bearer s3cret"));
        assertNull(call(interceptor, "llmplatform.inference.v1.InferenceService/Generate", "bearer  s3cret "));
    }

    @Test
    void aMissingOrWrongTokenIsUnauthenticated() {
        SharedTokenInterceptor interceptor = new SharedTokenInterceptor(Optional.of("s3cret"));
        for (String header : new String[] {null, "", "s3cret", "Bearer", "Bearer s3cre", "Bearer s3cret2",
                "Basic s3cret"}) {
            Status status = call(interceptor, "llmplatform.tokenizer.v1.TokenizerService/Count", header);
            assertEquals(Status.Code.UNAUTHENTICATED, status == null ? null : status.getCode(), "header " + header);
            assertFalse(status.getDescription().contains("s3cret"), "the token is never echoed");
        }
    }

    @Test
    void theHealthServiceStaysOpen() {
        SharedTokenInterceptor interceptor = new SharedTokenInterceptor(Optional.of("s3cret"));
        assertNull(call(interceptor, "grpc.health.v1.Health/Check", null));
        assertEquals(Status.Code.UNAUTHENTICATED,
                call(interceptor, "grpc.health.v1.HealthX/Check", null).getCode());
    }

    @Test
    void clientCredentialsSendTheHeaderTheServerAccepts() {
        assertTrue(SharedTokenCredentials.of(Optional.empty()).isEmpty());
        CallCredentials credentials = SharedTokenCredentials.of(Optional.of("s3cret")).orElseThrow();
        AtomicReference<Metadata> sent = new AtomicReference<>();
        credentials.applyRequestMetadata(null, Runnable::run, new CallCredentials.MetadataApplier() {
            @Override
            public void apply(Metadata headers) {
                sent.set(headers);
            }

            @Override
            public void fail(Status status) {
                throw new AssertionError(status);
            }
        });
        assertTrue(SharedToken.of(Optional.of("s3cret")).orElseThrow()
                .acceptsHeader(sent.get().get(SharedToken.AUTHORIZATION)));
    }

    /** Runs one call through the interceptor; the status it was closed with, or null when it was let through. */
    private static Status call(SharedTokenInterceptor interceptor, String method, String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(SharedToken.AUTHORIZATION, authorization);
        }
        MethodDescriptor<String, String> descriptor = MethodDescriptor.<String, String>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(method)
                .setRequestMarshaller(STRINGS).setResponseMarshaller(STRINGS).build();
        AtomicReference<Status> closed = new AtomicReference<>();
        boolean[] started = {false};
        ServerCall<String, String> call = new ServerCall<>() {
            @Override
            public void request(int numMessages) {
            }

            @Override
            public void sendHeaders(Metadata headers) {
            }

            @Override
            public void sendMessage(String message) {
            }

            @Override
            public void close(Status status, Metadata trailers) {
                closed.set(status);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public MethodDescriptor<String, String> getMethodDescriptor() {
                return descriptor;
            }

            @Override
            public Attributes getAttributes() {
                return Attributes.EMPTY;
            }
        };
        interceptor.interceptCall(call, headers, (c, h) -> {
            started[0] = true;
            return new ServerCall.Listener<>() {
            };
        });
        assertEquals(closed.get() == null, started[0], "either started or closed");
        return closed.get();
    }
}
