package dev.llmplatform.inference.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.engine.PromptCache;
import dev.llmplatform.inference.request.InferenceError;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlotSchedulerTest {

    @Test
    void admitsSlotsPlusQueueThenRefusesAndCountsRunningAndWaiting() throws Exception {
        SlotScheduler scheduler = new SlotScheduler(1, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        scheduler.admit();
        scheduler.submit(lease -> {
            started.countDown();
            await(release);
        });
        scheduler.admit();
        scheduler.submit(lease -> { });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertEquals(1, scheduler.running());
        assertEquals(1, scheduler.waiting());
        InferenceError refused = assertThrows(InferenceError.class, scheduler::admit);
        assertEquals(InferenceError.Kind.RESOURCE_EXHAUSTED, refused.kind());
        assertEquals("all 1 slots are busy and the queue of 1 is full; retry later", refused.getMessage());
        release.countDown();
        long deadline = System.currentTimeMillis() + 5_000;
        while (!scheduler.idle() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(scheduler.idle());
        assertEquals(0, scheduler.running());
        scheduler.shutdown();
    }

    @Test
    void eachRunHoldsItsOwnSlotAndALoneRunAlwaysGetsSlotZero() throws Exception {
        SlotScheduler scheduler = new SlotScheduler(3, 0);
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Set<Integer> overlapping = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 2; i++) {
            scheduler.admit();
            scheduler.submit(lease -> {
                overlapping.add(lease.slot());
                bothStarted.countDown();
                await(release);
            });
        }
        assertTrue(bothStarted.await(5, TimeUnit.SECONDS));
        assertEquals(Set.of(0, 1), overlapping);
        release.countDown();
        awaitIdle(scheduler);
        List<Integer> lone = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            scheduler.admit();
            scheduler.submit(lease -> lone.add(lease.slot()));
            awaitIdle(scheduler);
        }
        assertEquals(List.of(0, 0, 0, 0, 0), lone);
        scheduler.shutdown();
    }

    @Test
    void awaitIdleWaitsForTheAdmittedWorkAndAbortAllReachesIt() throws Exception {
        SlotScheduler scheduler = new SlotScheduler(1, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        scheduler.admit();
        scheduler.submit(new SlotWork() {
            @Override
            public void run(SlotLease lease) {
                started.countDown();
                await(aborted);
            }

            @Override
            public void abort() {
                aborted.countDown();
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertFalse(scheduler.awaitIdle(Duration.ofMillis(100)), "work still running");
        assertEquals(1, scheduler.admitted());
        scheduler.abortAll();
        assertTrue(scheduler.awaitIdle(Duration.ofSeconds(5)));
        assertTrue(scheduler.idle());
        scheduler.admit();
        scheduler.release();
        assertTrue(scheduler.awaitIdle(Duration.ZERO), "a released place leaves it idle");
        scheduler.shutdown();
    }

    /** Work with a prompt that leaves its slot holding {@code held}. */
    private static SlotWork work(int[] prompt, int[] held, List<Integer> slots) {
        return new SlotWork() {
            @Override
            public void run(SlotLease lease) {
                slots.add(lease.slot());
                lease.keep(held);
            }

            @Override
            public int[] prompt() {
                return prompt;
            }
        };
    }

    @Test
    void aFollowUpPromptRunsInTheSlotHoldingItsPrefixAndTheSlotsThePolicyDropsAreCleared() throws Exception {
        SlotScheduler scheduler = new SlotScheduler(2, 0, PromptCache.Policy.keeping(10));
        List<Integer> cleared = new CopyOnWriteArrayList<>();
        List<String> cells = new CopyOnWriteArrayList<>();
        scheduler.connect(cleared::add, (slot, held) -> cells.add(slot + ":" + held));
        List<Integer> slots = new CopyOnWriteArrayList<>();
        scheduler.admit();
        scheduler.submit(work(new int[] {1, 2, 3}, new int[] {1, 2, 3, 4, 5, 6}, slots));
        awaitIdle(scheduler);
        scheduler.admit();
        scheduler.submit(work(new int[] {9, 9}, new int[] {9, 9, 9, 9, 9}, slots));
        awaitIdle(scheduler);
        assertEquals(List.of(0), cleared, "6 + 5 idle cells are over the budget of 10: the older slot is cleared");
        scheduler.admit();
        scheduler.submit(work(new int[] {9, 9, 9, 9, 9, 7}, new int[] {9}, slots));
        awaitIdle(scheduler);
        assertEquals(List.of(0, 1, 1), slots);
        assertEquals(List.of("0:6", "1:5", "0:0", "1:1"), cells);
        scheduler.shutdown();
    }

    private static void awaitIdle(SlotScheduler scheduler) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!scheduler.idle() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(scheduler.idle());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
