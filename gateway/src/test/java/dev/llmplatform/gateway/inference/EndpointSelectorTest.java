package dev.llmplatform.gateway.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
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

    private static String pickFor(long key, List<Endpoint> endpoints, Set<String> exclude) {
        return EndpointSelector.pick(endpoints, exclude, OptionalLong.of(key), 0.5).orElseThrow().address();
    }

    @Test
    void aKeyGoesToTheSameHomeWhateverTheOrderAndKeysSpreadOverTheReplicas() {
        List<Endpoint> three = List.of(endpoint("a:1", true, 0, 4), endpoint("b:1", true, 0, 4),
                endpoint("c:1", true, 0, 4));
        Map<String, Integer> homes = new HashMap<>();
        for (long key = 0; key < 300; key++) {
            String home = pickFor(key, three, Set.of());
            assertEquals(home, pickFor(key, List.of(three.get(2), three.get(0), three.get(1)), Set.of()));
            homes.merge(home, 1, Integer::sum);
        }
        assertEquals(Set.of("a:1", "b:1", "c:1"), homes.keySet());
        homes.values().forEach(n -> assertTrue(n > 50, "300 keys over 3 replicas: " + homes));
    }

    @Test
    void onlyTheKeysOfALeavingReplicaMove() {
        List<Endpoint> three = List.of(endpoint("a:1", true, 0, 4), endpoint("b:1", true, 0, 4),
                endpoint("c:1", true, 0, 4));
        List<Endpoint> withoutC = three.subList(0, 2);
        IntStream.range(0, 200).forEach(key -> {
            String home = pickFor(key, three, Set.of());
            if (!home.equals("c:1")) {
                assertEquals(home, pickFor(key, withoutC, Set.of()), "key " + key);
            }
            assertEquals(pickFor(key, withoutC, Set.of()), pickFor(key, three, Set.of("c:1")),
                    "a home already tried falls to the next-ranked replica");
        });
    }

    @Test
    void theHomeKeepsTheKeyUntilItIsMuchBusierThanTheLeastLoaded() {
        long key = 42;
        List<Endpoint> idle = List.of(endpoint("a:1", true, 0, 4), endpoint("b:1", true, 0, 4));
        String home = pickFor(key, idle, Set.of());
        String other = home.equals("a:1") ? "b:1" : "a:1";
        assertEquals(home, pickFor(key, List.of(endpoint(home, true, 2, 4), endpoint(other, true, 0, 4)), Set.of()),
                "2 of 4 slots busier: within the slack of 0.5");
        assertEquals(other, pickFor(key, List.of(endpoint(home, true, 3, 4), endpoint(other, true, 0, 4)), Set.of()),
                "3 of 4 slots busier: the least loaded");
        assertEquals(home, pickFor(key, List.of(endpoint(home, true, 7, 4), endpoint(other, true, 6, 4)), Set.of()),
                "both busy, the home a quarter busier");
        assertEquals(other, EndpointSelector.pick(List.of(endpoint(home, true, 1, 4), endpoint(other, true, 0, 4)),
                Set.of(), OptionalLong.of(key), -1).orElseThrow().address(), "a negative slack: least loaded only");
        assertEquals(other, EndpointSelector.pick(List.of(endpoint(home, true, 1, 4), endpoint(other, true, 0, 4)),
                Set.of(), OptionalLong.empty(), 0.5).orElseThrow().address(), "no key: least loaded");
        assertEquals(other, pickFor(key, List.of(endpoint(home, false, 0, 4), endpoint(other, true, 3, 4)), Set.of()),
                "a home that is not ready");
    }

    @Test
    void aKeyStaysWhereItWasLastSentAndLeavesAFullHomeForAFreeSlot() {
        long key = 42;
        List<Endpoint> idle = List.of(endpoint("a:1", true, 0, 4), endpoint("b:1", true, 0, 4));
        String home = pickFor(key, idle, Set.of());
        String other = home.equals("a:1") ? "b:1" : "a:1";
        assertEquals(other, EndpointSelector.pick(idle, Set.of(), OptionalLong.of(key), 0.5, Optional.of(other))
                .orElseThrow().address(), "the replica it moved to holds its cells now, not the rendezvous home");
        assertEquals(home, EndpointSelector.pick(idle, Set.of(), OptionalLong.of(key), 0.5, Optional.of("gone:1"))
                .orElseThrow().address(), "a replica that left: the rendezvous home");
        assertEquals(other, pickFor(key, List.of(endpoint(home, true, 4, 4), endpoint(other, true, 3, 4)), Set.of()),
                "within the slack, but every slot of the home taken while the other has one free");
        assertEquals(home, pickFor(key, List.of(endpoint(home, true, 5, 4), endpoint(other, true, 4, 4)), Set.of()),
                "no free slot anywhere: the home, within the slack");
    }

    @Test
    void placementsForgetTheLeastRecentlyUsedKeysBeyondTheirCapacity() {
        PrefixPlacements placements = new PrefixPlacements(2);
        placements.sentTo(1, "a:1");
        placements.sentTo(2, "b:1");
        assertEquals(Optional.of("a:1"), placements.lastSentTo(1), "1 used again: 2 is now the eldest");
        placements.sentTo(3, "a:1");
        assertEquals(Optional.empty(), placements.lastSentTo(2));
        assertEquals(Optional.of("a:1"), placements.lastSentTo(1));
        placements.sentTo(1, "b:1");
        assertEquals(Optional.of("b:1"), placements.lastSentTo(1), "the last attempt wins");
        assertEquals(Optional.empty(), new PrefixPlacements(0).lastSentTo(1));
    }

    @Test
    void theLoadScoreFollowsTheGatewaysOwnCallsBetweenProbes() {
        Endpoint e = new Endpoint("a:1", null);
        e.callStarted();
        e.callStarted();
        e.probed(ModelInfo.newBuilder().setName("m").setReady(true).setSlots(4).build(),
                LoadReport.newBuilder().setRunning(3).setSlots(4).setReady(true).build(), System.nanoTime());
        assertEquals(0.75, e.loadScore(), 1e-9, "2 own calls and 1 of another gateway");
        e.callEnded();
        e.callEnded();
        assertEquals(0.25, e.loadScore(), 1e-9, "the own calls ended since the report: only the other's is left");
        e.callStarted();
        assertEquals(0.5, e.loadScore(), 1e-9);
    }
}
