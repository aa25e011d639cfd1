package dev.llmplatform.inference.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.FakeTextEngine;
import dev.llmplatform.inference.engine.ModelFacts;
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
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GenerationRunTest {

    private static final GenerationTrace TRACE = GenerationTrace.underCurrent(OpenTelemetry.noop().getTracer("test"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ModelMetrics metrics = new ModelMetrics(registry, "fake", new SlotScheduler(4, 0), 64);

    /** Records what a run sends. */
    static class RecordingSink implements GenerationSink {
        final List<String> texts = new ArrayList<>();
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
    void slotZeroKeepsItsCellsInTheKvCacheAccount() {
        FakeTextEngine engine = new FakeTextEngine(List.of("a", "b", "c"));
        new GenerationRun(engine, request(3, List.of()), new RecordingSink(), new StopSignal(), metrics, TRACE,
                System.nanoTime()).run(0);
        assertEquals((7 + 3) / (64.0 * 4), kvCacheUsage(), "7 prompt + 3 generated cells of 4 x 64");
        assertEquals(3.0, registry.get("vllm:generation_tokens").counter().count());
        assertEquals(1.0, registry.get("vllm:request_success").tag("finished_reason", "length").counter().count());
        assertEquals(2, registry.get("vllm:inter_token_latency").timer().count(), "two gaps between three tokens");
    }

    private double kvCacheUsage() {
        return registry.get("vllm:kv_cache_usage_perc").gauge().value();
    }

    private static ValidatedGeneration request(int maxTokens, List<String> stops) {
        return new ValidatedGeneration("t1", new EnginePrompt.Text("prompt"), 7,
                new SamplingSettings(maxTokens, false, 0f, 1f, 0, 0f, 1f, -1, stops), false);
    }

    private RecordingSink run(FakeTextEngine engine, ValidatedGeneration request, StopSignal signal) {
        RecordingSink sink = new RecordingSink();
        new GenerationRun(engine, request, sink, signal, metrics, TRACE, System.nanoTime()).run(0);
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
        GenerationRun run = new GenerationRun(engine, request(3, List.of()), sink, signal, metrics, TRACE,
                System.nanoTime());
        Thread thread = new Thread(() -> run.run(0));
        thread.start();
        long deadline = System.currentTimeMillis() + 5_000;
        while (engine.requests().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        signal.cancel();
        gate.countDown();
        thread.join(5_000);
        assertNotNull(sink.last);
        assertEquals(FinishReason.FINISH_REASON_CANCELLED, sink.last.getFinishReason());
        assertEquals(1, engine.cancelled());
        assertEquals(1, metrics.cancelledTotal());
        assertEquals(1, engine.released());
    }

    @Test
    void decodesInTheLeasedSlotAndReleasesItOnlyAfterTheFinalIsSent() {
        FakeTextEngine engine = new FakeTextEngine(new ModelFacts("fake", 64, 4, false, true, 1, 1000, 0),
                List.of("a", "b"));
        List<Integer> releasedAtFinal = new ArrayList<>();
        RecordingSink sink = new RecordingSink() {
            @Override
            public void finish(Final value) {
                releasedAtFinal.add(engine.released());
                super.finish(value);
            }
        };
        new GenerationRun(engine, request(5, List.of()), sink, new StopSignal(), metrics, TRACE, System.nanoTime())
                .run(2);
        assertEquals(0.0, kvCacheUsage(), "slot 2 is cleared after use");
        assertEquals(List.of(2), engine.slots());
        assertEquals(List.of(0), releasedAtFinal);
        assertEquals(1, engine.released());
    }

    @Test
    void signalRaisedWhileQueuedNeverStartsTheEngine() {
        FakeTextEngine engine = new FakeTextEngine(List.of("a"));
        StopSignal signal = new StopSignal();
        signal.cancel();
        RecordingSink sink = run(engine, request(3, List.of()), signal);
        assertTrue(engine.requests().isEmpty());
        assertEquals(0, engine.released());
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
        RecordingSink sink = run(engine, request(5, List.of()), new StopSignal());
        assertEquals(List.of("a"), sink.texts);
        assertEquals(FinishReason.FINISH_REASON_ERROR, sink.last.getFinishReason());
        assertEquals("generation failed in the engine", sink.last.getError());
        assertEquals(1, engine.released());
    }
}
