package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.stork.Stork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The inference endpoints from SmallRye Stork ({@code quarkus.stork.inference.*}): a static list from
 * {@code INFERENCE_ENDPOINTS} locally, Kubernetes endpoints with the {@code kubernetes} profile. Stork only discovers
 * here; the gateway routes by model itself.
 */
@ApplicationScoped
public class StorkDiscovery implements EndpointDiscovery {

    private final String service;

    StorkDiscovery(GatewayConfig config) {
        this.service = config.inference().storkService();
    }

    @Override
    public Uni<List<String>> addresses() {
        return Stork.getInstance().getService(service).getInstances().map(instances -> instances.stream()
                .map(i -> (i.getHost().contains(":") ? "[" + i.getHost() + "]" : i.getHost()) + ":" + i.getPort())
                .toList());
    }
}
