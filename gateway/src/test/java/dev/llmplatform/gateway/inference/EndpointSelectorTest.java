package dev.llmplatform.gateway.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointSelectorTest {

    private static Endpoint endpoint(String address, boolean ready, int running, int slots) {
        Endpoint e = new Endpoint(address, null);
        e.probed(ModelInfo.newBuilder().setName("m").setReady(ready).setSlots(slots).build(),
                LoadReport.newBuilder().setRunning(running).setSlots(slots).setReady(ready).build(), System.nanoTime());
        return e;
    }

    @Test
    void picksTheLeastLoadedReadyEndpointRelativeToItsSlots() {
        Endpoint busy = endpoint("a:1", true, 3, 4);
        Endpoint big = endpoint("b:1", true, 4, 16);
        Endpoint down = endpoint("c:1", false, 0, 4);
        assertEquals("b:1", EndpointSelector.pick(List.of(busy, big, down), Set.of()).orElseThrow().address());
    }

    @Test
    void countsTheGatewaysOwnCallsAndSkipsTriedOnes() {
        Endpoint a = endpoint("a:1", true, 0, 1);
        Endpoint b = endpoint("b:1", true, 0, 1);
        a.callStarted();
        assertEquals("b:1", EndpointSelector.pick(List.of(a, b), Set.of()).orElseThrow().address());
        assertEquals("a:1", EndpointSelector.pick(List.of(a, b), Set.of("b:1")).orElseThrow().address());
        assertTrue(EndpointSelector.pick(List.of(a, b), Set.of("a:1", "b:1")).isEmpty());
        b.unreachable();
        assertTrue(EndpointSelector.pick(List.of(b), Set.of()).isEmpty(), "an unreachable endpoint is not ready");
    }
}
