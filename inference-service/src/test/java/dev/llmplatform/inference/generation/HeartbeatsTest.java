package dev.llmplatform.inference.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import dev.llmplatform.proto.inference.v1.GenerationPhase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {

    @Test
    void aSilentStreamGetsProgressWithItsPhaseAndNothingAfterItsFinal() throws Exception {
        Heartbeats heartbeats = new Heartbeats(Duration.ofMillis(40));
        AtomicReference<EmitterSink> sink = new AtomicReference<>();
        AssertSubscriber<GenerateResponse> received = Multi.createFrom().<GenerateResponse>emitter(
                emitter -> sink.set(new EmitterSink(emitter, System.nanoTime())))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        EmitterSink stream = sink.get();
        stream.onFinish(() -> heartbeats.forget(stream));
        heartbeats.watch(stream);
        stream.phase(GenerationPhase.GENERATION_PHASE_PROMPT, 0);
        Thread.sleep(400);
        List<GenerateResponse> silent = List.copyOf(received.getItems());
        assertTrue(silent.size() >= 2, "heartbeats during 400 ms of silence: " + silent.size());
        assertTrue(silent.stream().allMatch(r -> r.hasProgress()
                && r.getProgress().getPhase() == GenerationPhase.GENERATION_PHASE_PROMPT), silent.toString());
        assertTrue(silent.get(silent.size() - 1).getProgress().getElapsedMs() >= 100, silent.toString());

        stream.phase(GenerationPhase.GENERATION_PHASE_GENERATING, 3);
        stream.chunk("Once", 3);
        stream.finish(Final.getDefaultInstance());
        int atFinish = received.getItems().size();
        Thread.sleep(200);
        assertEquals(atFinish, received.getItems().size(), "nothing after the Final");
        received.assertCompleted();
        GenerateResponse last = received.getItems().get(atFinish - 1);
        assertTrue(last.hasFinal(), last.toString());
        heartbeats.stop();
    }

    @Test
    void aStreamThatKeepsSendingGetsNoHeartbeats() throws Exception {
        Heartbeats heartbeats = new Heartbeats(Duration.ofMillis(200));
        AtomicReference<EmitterSink> sink = new AtomicReference<>();
        AssertSubscriber<GenerateResponse> received = Multi.createFrom().<GenerateResponse>emitter(
                emitter -> sink.set(new EmitterSink(emitter, System.nanoTime())))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        EmitterSink stream = sink.get();
        heartbeats.watch(stream);
        for (int i = 0; i < 20; i++) {
            stream.chunk("x", 1);
            Thread.sleep(20);
        }
        assertTrue(received.getItems().stream().noneMatch(GenerateResponse::hasProgress),
                received.getItems().toString());
        stream.close();
        heartbeats.stop();
    }
}
