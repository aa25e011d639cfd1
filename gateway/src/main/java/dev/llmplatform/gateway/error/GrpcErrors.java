package dev.llmplatform.gateway.error;

import dev.llmplatform.gateway.http.Echo;

import io.grpc.Status;

/**
 * Maps a gRPC status from a backend to the error the client gets. One rule for the whole gateway:
 * INVALID_ARGUMENT → 400 (message passed through), NOT_FOUND → 404, RESOURCE_EXHAUSTED → 429 (inference) or
 * 413 (tokenizer: text over its maximum), UNAVAILABLE, DEADLINE_EXCEEDED and CANCELLED → 503, anything else → 502.
 * Only the messages our own services write (INVALID_ARGUMENT, NOT_FOUND, RESOURCE_EXHAUSTED) are passed through;
 * transport errors get a fixed text so no host, path or exception detail leaks.
 */
public final class GrpcErrors {

    private static final int MAX_MESSAGE = 300;

    private GrpcErrors() {
    }

    /** Maps a tokenizer service failure. */
    public static ApiException fromTokenizer(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        Status status = Status.fromThrowable(failure);
        String description = clean(status.getDescription());
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> ApiException.invalid(null, description);
            case NOT_FOUND -> ApiException.notFound("tokenizer_not_found", "tokenizer", description);
            case RESOURCE_EXHAUSTED -> new ApiException(413, "invalid_request_error", "text_too_large", "text",
                    description, null);
            case UNAVAILABLE, CANCELLED -> ApiException.unavailable("The tokenizer service is unavailable");
            case DEADLINE_EXCEEDED -> ApiException.unavailable("The tokenizer service did not answer in time");
            default -> new ApiException(502, "server_error", "backend_error", null,
                    "The tokenizer service failed (" + status.getCode() + ")", null);
        };
    }

    /** Maps an inference service failure; {@code retryAfter} is used for RESOURCE_EXHAUSTED. */
    public static ApiException fromInference(Throwable failure, String model, int retryAfter) {
        if (failure instanceof ApiException api) {
            return api;
        }
        Status status = Status.fromThrowable(failure);
        String description = clean(status.getDescription());
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> ApiException.invalid(null, description);
            case NOT_FOUND -> ApiException.modelNotFound(model);
            case RESOURCE_EXHAUSTED -> ApiException.overloaded(
                    "The model '" + Echo.cut(model) + "' is at capacity; retry later", retryAfter);
            case UNAVAILABLE, CANCELLED -> ApiException.unavailable(
                    "No endpoint of the model '" + Echo.cut(model) + "' is available");
            case DEADLINE_EXCEEDED -> ApiException.timeout("The model '" + Echo.cut(model)
                    + "' did not finish in time");
            default -> new ApiException(502, "server_error", "backend_error", null,
                    "The inference service failed (" + status.getCode() + ")", null);
        };
    }

    /** True for failures worth retrying on another endpoint (nothing was generated yet). */
    public static boolean retriable(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.RESOURCE_EXHAUSTED
                || code == Status.Code.UNKNOWN || code == Status.Code.INTERNAL;
    }

    private static String clean(String description) {
        if (description == null || description.isBlank()) {
            return "Request refused by the backend";
        }
        String head = description.length() > 4 * MAX_MESSAGE ? description.substring(0, 4 * MAX_MESSAGE) : description;
        return Echo.cut(head.replaceAll("\\s+", " ").strip(), MAX_MESSAGE);
    }
}
