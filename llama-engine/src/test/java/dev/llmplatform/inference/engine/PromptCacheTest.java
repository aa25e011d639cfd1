package dev.llmplatform.inference.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptCacheTest {

    private static int[] ids(int... ids) {
        return ids;
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray();
    }

    @Test
    void reusableIsTheCommonPrefixLessTheLastPromptTokenWhenAllOfItIsCached() {
        assertEquals(2, PromptCache.reusable(ids(1, 2, 3), ids(1, 2, 9, 9)));
        assertEquals(3, PromptCache.reusable(ids(1, 2, 3), ids(1, 2, 3, 4)));
        assertEquals(2, PromptCache.reusable(ids(1, 2, 3), ids(1, 2, 3)), "the engine evaluates the last token");
        assertEquals(2, PromptCache.reusable(ids(1, 2, 3, 4, 5), ids(1, 2, 3)));
        assertEquals(0, PromptCache.reusable(ids(), ids(1, 2)));
        assertEquals(0, PromptCache.reusable(ids(7), ids(1, 2)));
    }

    @Test
    void theNextTurnOfAConversationGoesToTheSlotHoldingItsHistory() {
        PromptCache cache = new PromptCache(4, PromptCache.Policy.keeping(10_000));
        int[] turn1 = range(0, 40);
        PromptCache.Lease first = cache.tryLease(turn1, 20);
        assertEquals(new PromptCache.Lease(0, 0), first);
        PromptCache.Lease other = cache.tryLease(range(100, 130), 20);
        assertEquals(1, other.slot());
        assertEquals(List.of(), cache.release(first, concat(turn1, range(40, 60))));
        assertEquals(List.of(), cache.release(other, range(100, 150)));
        PromptCache.Lease turn2 = cache.tryLease(concat(range(0, 60), range(500, 520)), 20);
        assertEquals(new PromptCache.Lease(0, 60), turn2);
        PromptCache.Lease again = cache.tryLease(range(100, 150), 20);
        assertEquals(new PromptCache.Lease(1, 49), again, "a repeated prompt reuses all but its last token");
    }

    @Test
    void aPromptSharingLessThanTheSimilarityOfASlotLeavesItsCellsAlone() {
        PromptCache cache = new PromptCache(2, PromptCache.Policy.keeping(10_000));
        PromptCache.Lease conversation = cache.tryLease(range(0, 100), 0);
        cache.release(conversation, range(0, 100));
        int[] sharesTheSystemPrompt = concat(range(0, 30), range(900, 920));
        PromptCache.Lease unrelated = cache.tryLease(sharesTheSystemPrompt, 10);
        assertEquals(new PromptCache.Lease(1, 0), unrelated, "30 of 100 is under the similarity of 0.5");
        cache.release(unrelated, sharesTheSystemPrompt);
        assertEquals(0, cache.tryLease(concat(range(0, 100), ids(5)), 0).slot());
    }

    @Test
    void aFollowUpThatKeepsThePreviousPromptButNotTheAnswerStillGoesToItsSlot() {
        PromptCache cache = new PromptCache(2, PromptCache.Policy.keeping(10_000));
        PromptCache.Lease first = cache.tryLease(range(0, 10), 30);
        cache.release(first, concat(range(0, 10), range(50, 80)), 10);
        PromptCache.Lease other = cache.tryLease(range(200, 205), 0);
        cache.release(other, range(200, 205), 5);
        int[] nextTurn = concat(concat(range(0, 10), ids(7)), range(50, 80));
        assertEquals(new PromptCache.Lease(0, 10), cache.tryLease(nextTurn, 30),
                "10 of 40 is under the similarity, but the whole previous prompt is reused");
    }

    @Test
    void idleSlotsKeepAtMostTheCellBudgetAndTheLeastRecentlyUsedIsClearedFirst() {
        PromptCache cache = new PromptCache(3, PromptCache.Policy.keeping(100));
        PromptCache.Lease a = cache.tryLease(range(0, 10), 0);
        PromptCache.Lease b = cache.tryLease(range(100, 110), 0);
        PromptCache.Lease c = cache.tryLease(range(200, 210), 0);
        assertEquals(List.of(), cache.release(a, range(0, 60)));
        assertEquals(List.of(), cache.release(b, range(100, 130)));
        assertEquals(90, cache.idleCells());
        assertEquals(List.of(0), cache.release(c, range(200, 240)), "slot 0 is the least recently used");
        assertEquals(70, cache.idleCells());
        assertArrayEquals(ids(), cache.held(0));
        cache.cleared(0);
        assertEquals(0, cache.tryLease(range(300, 310), 0).slot(), "the cleared slot is free again");
    }

    @Test
    void anUnrelatedPromptReplacesTheOldestWarmSlotRatherThanWarmingAnEmptyOneOverTheBudget() {
        PromptCache cache = new PromptCache(4, PromptCache.Policy.keeping(100));
        PromptCache.Lease a = cache.tryLease(range(0, 10), 0);
        PromptCache.Lease b = cache.tryLease(range(100, 110), 0);
        cache.release(a, range(0, 40));
        cache.release(b, range(100, 140));
        PromptCache.Lease within = cache.tryLease(range(300, 310), 10);
        assertEquals(2, within.slot(), "80 idle cells + 20 fit the budget of 100: an empty slot");
        cache.release(within, range(300, 310));
        PromptCache.Lease over = cache.tryLease(range(400, 410), 40);
        assertEquals(0, over.slot(), "90 + 50 would not fit: the least recently used warm slot");
    }

    @Test
    void aSlotWithNothingKnownIsClearedAndTheCacheOffClearsEverySlotButZero() {
        PromptCache on = new PromptCache(2, PromptCache.Policy.keeping(100));
        PromptCache.Lease failed = on.tryLease(range(0, 5), 0);
        assertEquals(List.of(0), on.release(failed, ids()));
        on.cleared(0);

        PromptCache off = new PromptCache(2, PromptCache.Policy.off());
        PromptCache.Lease zero = off.tryLease(range(0, 5), 0);
        PromptCache.Lease one = off.tryLease(range(0, 5), 0);
        assertEquals(new PromptCache.Lease(1, 0), one);
        assertEquals(List.of(1), off.release(one, range(0, 9)));
        assertEquals(List.of(), off.release(zero, range(0, 9)));
        assertEquals(new PromptCache.Lease(0, 0), off.tryLease(range(0, 9), 0), "nothing is reused with the cache off");
        off.cleared(1);
        assertThrows(IllegalStateException.class, () -> off.release(new PromptCache.Lease(1, 0), ids(1)));
    }

    @Test
    void aLeaseWaitsUntilASlotIsFree() throws Exception {
        PromptCache cache = new PromptCache(1, PromptCache.Policy.keeping(100));
        PromptCache.Lease held = cache.tryLease(range(0, 5), 0);
        CompletableFuture<PromptCache.Lease> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return cache.lease(range(0, 8), 0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> waiting.get(100, TimeUnit.MILLISECONDS));
        cache.release(held, range(0, 6));
        assertEquals(new PromptCache.Lease(0, 6), waiting.get(5, TimeUnit.SECONDS));
        assertTrue(cache.idleCells() == 0);
    }
}
