package dev.llmplatform.gateway.error;

import dev.llmplatform.gateway.http.Echo;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The message of a 404 for a model: the name as sent (cut), then the served model that differs only in case, or else
 * the served models (at most {@value #MAX_LISTED}), so a client sees the id to send.
 */
public final class ModelNotFound {

    /** Served models listed in the message. */
    static final int MAX_LISTED = 10;

    private ModelNotFound() {
    }

    /** The message for {@code model} when {@code served} are the models with a ready endpoint. */
    public static String message(String model, Collection<String> served) {
        String message = "The model '" + Echo.cut(model) + "' does not exist or is not served";
        for (String name : served) {
            if (name.equalsIgnoreCase(model)) {
                return message + "; did you mean '" + Echo.cut(name) + "'? (model ids are case-sensitive)";
            }
        }
        if (served.isEmpty()) {
            return message;
        }
        return message + "; served: " + served.stream().limit(MAX_LISTED).map(Echo::cut)
                .collect(Collectors.joining(", ")) + (served.size() > MAX_LISTED ? ", ..." : "");
    }
}
