package dev.llmplatform.gateway.grpc;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.BackendFailure.Kind;
import dev.llmplatform.gateway.error.ModelNotFound;
import dev.llmplatform.gateway.http.Echo;
import io.grpc.Status;
import java.util.Collection;
import java.util.List;

/**
 * A gRPC status from a backend, as a {@link BackendFailure}. Only the messages our own services write
 * (INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND of a tokenizer, RESOURCE_EXHAUSTED of a text) are kept;
 * transport failures get a fixed text, so no host, path or exception detail leaks.
 */
public final class GrpcFailures {

    private GrpcFailures() {
    }

    /** An inference service's failure for a request of {@code model}. */
    public static BackendFailure fromInference(Throwable failure, String model, int retryAfter) {
        if (failure instanceof BackendFailure backend) {
            return backend;
        }
        Status status = Status.fromThrowable(failure);
        String quoted = "'" + Echo.cut(model) + "'";
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> new BackendFailure(Kind.INVALID_ARGUMENT, status.getDescription());
            case FAILED_PRECONDITION -> new BackendFailure(Kind.TEMPLATE_UNAVAILABLE, status.getDescription());
            case NOT_FOUND -> modelNotFound(model, List.of());
            case RESOURCE_EXHAUSTED -> new BackendFailure(Kind.BUSY, "The model " + quoted
                    + " is at capacity; retry later", retryAfter);
            case UNAVAILABLE, CANCELLED -> new BackendFailure(Kind.UNAVAILABLE, "No endpoint of the model " + quoted
                    + " is available");
            case DEADLINE_EXCEEDED -> new BackendFailure(Kind.DEADLINE, "The model " + quoted
                    + " did not finish in time");
            default -> new BackendFailure(Kind.FAILED, "The inference service failed (" + status.getCode() + ")");
        };
    }

    /** A tokenizer service failure. */
    public static BackendFailure fromTokenizer(Throwable failure) {
        if (failure instanceof BackendFailure backend) {
            return backend;
        }
        Status status = Status.fromThrowable(failure);
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> new BackendFailure(Kind.INVALID_ARGUMENT, status.getDescription());
            case NOT_FOUND -> new BackendFailure(Kind.TOKENIZER_NOT_FOUND, status.getDescription());
            case RESOURCE_EXHAUSTED -> new BackendFailure(Kind.TOO_LARGE, status.getDescription());
            case UNAVAILABLE, CANCELLED -> new BackendFailure(Kind.UNAVAILABLE, "The tokenizer service is unavailable");
            case DEADLINE_EXCEEDED -> new BackendFailure(Kind.UNAVAILABLE,
                    "The tokenizer service did not answer in time");
            default -> new BackendFailure(Kind.FAILED, "The tokenizer service failed (" + status.getCode() + ")");
        };
    }

    /** No endpoint serves the model. */
    public static BackendFailure modelNotFound(String model, Collection<String> served) {
        return new BackendFailure(Kind.MODEL_NOT_FOUND, ModelNotFound.message(model, served));
    }

    /** True for failures worth retrying on another endpoint (nothing was generated yet). */
    public static boolean retriable(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.RESOURCE_EXHAUSTED
                || code == Status.Code.UNKNOWN || code == Status.Code.INTERNAL;
    }
}
