package dev.llmplatform.inference.rest;

import dev.llmplatform.inference.grpc.StatusReporter;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/status}: the gRPC LoadReport and ModelInfo as JSON, for operators and end-to-end tests. */
@Path("/v1/status")
public class StatusResource {

    private final StatusReporter status;

    StatusResource(StatusReporter status) {
        this.status = status;
    }

    /**
     * The status document.
     *
     * @param model   the served model's name ("" while loading)
     * @param ready   loaded, warmed up, not draining
     * @param running requests generating now
     * @param waiting requests waiting for a slot
     * @param slots   slots
     * @param maxQueue queue bound
     * @param cancelledTotal generations cancelled since start
     * @param contextLength  per-slot context
     * @param gpuLayers      layers on the GPU
     */
    public record Status(String model, boolean ready, int running, int waiting, int slots, int maxQueue,
                         long cancelledTotal, int contextLength, int gpuLayers) {
    }

    /** The current status; never blocks. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status get() {
        LoadReport load = status.load();
        ModelInfo info = status.modelInfo();
        return new Status(info.getName(), load.getReady(), load.getRunning(), load.getWaiting(), load.getSlots(),
                load.getMaxQueue(), load.getCancelledTotal(), info.getContextLength(), info.getGpuLayers());
    }
}
