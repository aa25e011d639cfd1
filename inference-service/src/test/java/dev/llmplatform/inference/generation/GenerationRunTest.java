package dev.llmplatform.inference.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.FakeTextEngine;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.PieceIds;
import dev.llmplatform.inference.engine.PromptCache;
import dev.llmplatform.inference.scheduling.SlotLease;
import dev.llmplatform.inference.metrics.ModelMetrics;
import dev.llmplatform.inference.scheduling.SlotScheduler;
import dev.llmplatform.inference.request.SamplingSettings;
import dev.llmplatform.inference.request.ValidatedGeneration;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.FinishReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GenerationRunTest {

    private static final GenerationTrace TRACE = GenerationTrace.underCurrent(OpenTelemetry.noop().getTracer("test"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ModelMetrics metrics = new ModelMetrics(registry, "fake", new SlotScheduler(4, 0), 64);
    private final PromptCache cache = new PromptCache(4, PromptCache.Policy.keeping(100));
    private final List<Integer> clears = new ArrayList<>();
    private static final int[] PROMPT = {1, 200, 201, 202, 203, 204, 205};

    private SlotLease lease(int slot) {
        return new SlotLease(cache.leaseSlot(slot, PROMPT), cache, clears::addAll, metrics::slotHolds);
    }

    private static PieceIds pieces(FakeTextEngine engine) {
        return PieceIds.of(IntStream.range(0, 300).mapToObj(engine::tokenText).toList(), new int[0]);
    }

    /** Records what a run sends. */
    static class RecordingSink implements GenerationSink {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<Integer> tokens = new ArrayList<>();
        Final last;

        @Override
        public void chunk(String text, int count) {
            texts.add(text);
            tokens.add(count);
        }

        @Override
        public void finish(Final value) {
            last = value;
        }
    }

    @Test
    void theSlotKeepsItsPromptAndDecodedAnswerInTheKvCacheAccountAndTheNextTurnReusesThem() {
        FakeTextEngine engine = new FakeTextEngine(List.of("a", "b", "c"));
        RecordingSink first = new RecordingSink();
        new GenerationRun(engine, request(3, List.of()), first, new StopSignal(), metrics, pieces(engine), TRACE,
                System.nanoTime()).run(lease(0));
        assertEquals((7 + 2) / (64.0 * 4), kvCacheUsage(), "7 prompt + 2 decoded cells of 4 x 64 (the last sampled"
                + " token is not decoded)");
        assertArrayEquals(new int[] {1, 200, 201, 202, 203, 204, 205, 197, 198}, cache.held(0));
        assertEquals(0, first.last.getUsage().getCachedTokens());
        int[] next = {1, 200, 201, 202, 203, 204, 205, 197, 198, 199, 150, 151};
        PromptCache.Lease again = cache.tryLease(next, 3);
        assertEquals(new PromptCache.Lease(0, 9), again);
        RecordingSink second = new RecordingSink();
        new GenerationRun(engine, new ValidatedGeneration("t2", new EnginePrompt.Tokens(next), next.length,
                new SamplingSettings(3, false, 0f, 1f, 0, 0f, 1f, -1, List.of()), false), second, new StopSignal(),
                metrics, pieces(engine), TRACE, System.nanoTime())
                .run(new SlotLease(again, cache, clears::addAll, metrics::slotHolds));
        assertEquals(9, second.last.getUsage().getCachedTokens());
        assertEquals(7.0 + 12, registry.get("vllm:prefix_cache_queries").counter().count());
        assertEquals(9.0, registry.get("vllm:prefix_cache_hits").counter().count());
        assertEquals(6.0, registry.get("vllm:generation_tokens").counter().count());
        assertEquals(2.0, registry.get("vllm:request_success").tag("finished_reason", "length").counter().count());
        assertEquals(4, registry.get("vllm:inter_token_latency").timer().count(), "two gaps between three tokens");
    }

    private double kvCacheUsage() {
        return registry.get("vllm:kv_cache_usage_perc").gauge().value();
    }

    private static ValidatedGeneration request(int maxTokens, List<String> stops) {
        return new ValidatedGeneration("t1", new EnginePrompt.Tokens(PROMPT), 7,
                new SamplingSettings(maxTokens, false, 0f, 1f, 0, 0f, 1f, -1, stops), false);
    }

    private RecordingSink run(FakeTextEngine engine, ValidatedGeneration request, StopSignal signal) {
        RecordingSink sink = new RecordingSink();
        new GenerationRun(engine, request, sink, signal, metrics, pieces(engine), TRACE, System.nanoTime())
                .run(lease(0));
        return sink;
    }

    @Test
    void reachingMaxTokensIsLengthWithUsage() {
        RecordingSink sink = run(new FakeTextEngine(List.of("a", "b", "c", "d")), request(3, List.of()),
                new StopSignal());
        assertEquals(List.of("a", "b", "c"), sink.texts);
        assertEquals(FinishReason.FINISH_REASON_LENGTH, sink.last.getFinishReason());
        assertEquals(3, sink.last.getUsage().getCompletionTokens());
        assertEquals(7, sink.last.getUsage().getPromptTokens());
    }

    @Test
    void emptyLastTokenIsEndOfSequence() {
        RecordingSink sink = run(new FakeTextEngine(List.of("a", "b", "")), request(10, List.of()),
                new StopSignal());
        assertEquals(FinishReason.FINISH_REASON_STOP, sink.last.getFinishReason());
        assertEquals(3, sink.last.getUsage().getCompletionTokens());
    }

    @Test
    void stopStringCancelsTheEngineAndHeldTokensAreCountedOnce() {
        FakeTextEngine engine = new FakeTextEngine(List.of("Hel", "lo ", "wo", "rld", "!"));
        RecordingSink sink = run(engine, request(10, List.of("world")), new StopSignal());
        assertEquals("Hello ", String.join("", sink.texts));
        assertEquals(FinishReason.FINISH_REASON_STOP, sink.last.getFinishReason());
        assertEquals(1, engine.cancelled());
        assertEquals(4, sink.last.getUsage().getCompletionTokens());
        assertEquals(2, sink.tokens.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void cancelledSignalStopsTheEngineFromTheGenerationThread() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        FakeTextEngine engine = new FakeTextEngine(List.of("a", "b", "c")).gated(gate);
        StopSignal signal = new StopSignal();
        RecordingSink sink = new RecordingSink();
        GenerationRun run = new GenerationRun(engine, request(3, List.of()), sink, signal, metrics, pieces(engine),
                TRACE, System.nanoTime());
        Thread thread = new Thread(() -> run.run(lease(0)));
        thread.start();
        long deadline = System.currentTimeMillis() + 5_000;
        // cancel once the run has sent the first piece and waits in the engine for the second (behind the gate)
        while ((sink.texts.isEmpty() || thread.getState() != Thread.State.WAITING)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        signal.cancel();
        gate.countDown();
        thread.join(5_000);
        assertNotNull(sink.last);
        assertEquals(FinishReason.FINISH_REASON_CANCELLED, sink.last.getFinishReason());
        assertEquals(1, engine.cancelled());
        assertEquals(1, metrics.cancelledTotal());
        assertEquals(7 + 1, cache.held(0).length, "a cancelled run keeps its prompt and the token it decoded (of the"
                + " two it sampled)");
    }

    @Test
    void decodesInTheLeasedSlotAndHandsItBackBeforeTheFinalIsSent() {
        FakeTextEngine engine = new FakeTextEngine(new ModelFacts("fake", 64, 4, false, true, 1, 1000, 0),
                List.of("a", "b"));
        List<Long> idleCellsAtFinal = new ArrayList<>();
        RecordingSink sink = new RecordingSink() {
            @Override
            public void finish(Final value) {
                idleCellsAtFinal.add(cache.idleCells());
                super.finish(value);
            }
        };
        new GenerationRun(engine, request(5, List.of()), sink, new StopSignal(), metrics, pieces(engine), TRACE,
                System.nanoTime()).run(lease(2));
        assertEquals(List.of(2), engine.slots());
        assertEquals(List.of(7L + 1), idleCellsAtFinal, "the slot is free, holding its tokens, when the Final goes");
    }

    @Test
    void signalRaisedWhileQueuedNeverStartsTheEngine() {
        FakeTextEngine engine = new FakeTextEngine(List.of("a"));
        StopSignal signal = new StopSignal();
        signal.cancel();
        RecordingSink sink = run(engine, request(3, List.of()), signal);
        assertTrue(engine.requests().isEmpty());
        assertEquals(FinishReason.FINISH_REASON_CANCELLED, sink.last.getFinishReason());
    }

    @Test
    void abortAtShutdownEndsWithAnExplicitError() {
        StopSignal signal = new StopSignal();
        signal.abort();
        RecordingSink sink = run(new FakeTextEngine(List.of("a")), request(3, List.of()), signal);
        assertEquals(FinishReason.FINISH_REASON_ERROR, sink.last.getFinishReason());
        assertEquals("the service is shutting down; generation was stopped", sink.last.getError());
    }

    @Test
    void engineFailureAfterStartIsAnErrorFinalWithASafeMessage() {
        FakeTextEngine engine = new FakeTextEngine(List.of("a", "b"))
                .failingAfterFirst(new EngineException("generation failed in the engine"));
        RecordingSink sink = new RecordingSink();
        SlotLease lease = lease(0);
        new GenerationRun(engine, request(5, List.of()), sink, new StopSignal(), metrics, pieces(engine), TRACE,
                System.nanoTime()).run(lease);
        lease.end();
        assertEquals(List.of("a"), sink.texts);
        assertEquals(FinishReason.FINISH_REASON_ERROR, sink.last.getFinishReason());
        assertEquals("generation failed in the engine", sink.last.getError());
        assertEquals(List.of(0), clears, "after a failure the slot's cells are not known: it is cleared");
    }
}
