package dev.llmplatform.gateway.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static final ModelInfo INFO = ModelInfo.newBuilder().setName("m").setReady(true).setSlots(2).build();
    private static final LoadReport LOAD = LoadReport.newBuilder().setSlots(3).setReady(true).build();

    @Test
    void aSuspectEndpointComesBackOnlyWithAProbeStartedAfterTheSuspicion() {
        Endpoint endpoint = new Endpoint("h:1", null);
        endpoint.probed(INFO, LOAD, System.nanoTime());
        assertTrue(endpoint.ready());
        long probeStarted = System.nanoTime();
        endpoint.suspect();
        assertFalse(endpoint.ready());
        endpoint.probed(INFO, LOAD, probeStarted);
        assertFalse(endpoint.ready(), "a probe that was on its way before the stall proves nothing");
        endpoint.probed(INFO, LOAD, System.nanoTime());
        assertTrue(endpoint.ready());
    }

    @Test
    void slotsComeFromTheLoadReportThenTheModelInfo() {
        Endpoint endpoint = new Endpoint("h:1", null);
        assertEquals(1, endpoint.slots());
        endpoint.probed(INFO, LoadReport.newBuilder().setReady(true).build(), System.nanoTime());
        assertEquals(2, endpoint.slots());
        endpoint.probed(INFO, LOAD, System.nanoTime());
        assertEquals(3, endpoint.slots());
    }
}
