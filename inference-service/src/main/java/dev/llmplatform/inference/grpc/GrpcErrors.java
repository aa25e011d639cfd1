package dev.llmplatform.inference.grpc;

import dev.llmplatform.inference.request.InferenceError;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jboss.logging.Logger;

/** The one place that maps failures to gRPC status codes; messages never carry stack traces or paths. */
public final class GrpcErrors {

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    /** The status for a failure. */
    public static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof InferenceError error) {
            Status status = switch (error.kind()) {
                case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.NOT_FOUND;
                case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
                case UNAVAILABLE -> Status.UNAVAILABLE;
                case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
                case INTERNAL -> Status.INTERNAL;
            };
            return status.withDescription(error.getMessage()).asRuntimeException();
        }
        LOG.error("unexpected failure", failure);
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }
}
