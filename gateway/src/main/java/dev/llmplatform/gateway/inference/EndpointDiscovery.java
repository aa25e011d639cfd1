package dev.llmplatform.gateway.inference;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** Where the inference endpoints are: the {@code host:port} of each, as discovered now. */
public interface EndpointDiscovery {

    /** The addresses discovered now. */
    Uni<List<String>> addresses();
}
