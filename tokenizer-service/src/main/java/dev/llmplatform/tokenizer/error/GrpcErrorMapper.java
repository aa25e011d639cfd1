package dev.llmplatform.tokenizer.error;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The one place where errors become gRPC statuses: typed domain errors map to their codes with their (safe)
 * messages; anything else is logged and answered as INTERNAL without details.
 */
@ApplicationScoped
public class GrpcErrorMapper implements ExceptionHandlerProvider {

    private static final Logger LOG = Logger.getLogger(GrpcErrorMapper.class);

    /** The status for a failure. */
    public static Status statusOf(Throwable failure) {
        if (failure instanceof StatusRuntimeException e) {
            return e.getStatus();
        }
        if (failure instanceof StatusException e) {
            return e.getStatus();
        }
        if (failure instanceof UnknownTokenizerException) {
            return Status.NOT_FOUND.withDescription(failure.getMessage());
        }
        if (failure instanceof InvalidRequestException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage());
        }
        if (failure instanceof TextTooLargeException || failure instanceof BusyException) {
            return Status.RESOURCE_EXHAUSTED.withDescription(failure.getMessage());
        }
        if (failure instanceof CallCancelledException cancelled) {
            return (cancelled.deadline() ? Status.DEADLINE_EXCEEDED : Status.CANCELLED)
                    .withDescription(failure.getMessage());
        }
        if (failure instanceof TokenizerUnavailableException) {
            return Status.UNAVAILABLE.withDescription(failure.getMessage());
        }
        LOG.error("unexpected failure in the tokenizer service", failure);
        return Status.INTERNAL.withDescription("internal error");
    }

    @Override
    public Throwable transform(Throwable failure) {
        return statusOf(failure).asRuntimeException();
    }

    @Override
    public <ReqT, RespT> ExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
            ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> serverCall, Metadata md) {
                serverCall.close(statusOf(failure), new Metadata());
            }
        };
    }
}
