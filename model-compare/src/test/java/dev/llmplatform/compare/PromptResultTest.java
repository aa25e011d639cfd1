package dev.llmplatform.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.Progress;
import dev.llmplatform.proto.inference.v1.Timings;
import dev.llmplatform.proto.inference.v1.Usage;
import dev.llmplatform.testkit.client.Generation;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A prompt's result from a Generate stream as the kit's gRPC client records it. */
class PromptResultTest {

    private static final Final FIN = Final.newBuilder().setFinishReason(FinishReason.FINISH_REASON_LENGTH)
            .setUsage(Usage.newBuilder().setPromptTokens(9).setCompletionTokens(5))
            .setTimings(Timings.newBuilder().setTimeToFirstTokenMs(12.5).setTokensPerSecond(80)).build();

    private static Generation generation(int chunks, long first, long last, int tokensAfterFirst,
            Optional<Final> fin, Optional<Status> error) {
        return new Generation("Once upon", chunks, chunks, tokensAfterFirst,
                List.of(Progress.getDefaultInstance(), Progress.getDefaultInstance()), first, first, last, last + 1,
                fin, error);
    }

    @Test
    void clientTimesComeFromTheChunksAndTheRestFromTheFinalMessage() {
        PromptResult r = PromptResult.of("p1", 16, generation(3, 20_000_000, 520_000_000, 4, Optional.of(FIN),
                Optional.empty()));
        assertEquals("Once upon", r.answer(), "progress heartbeats add nothing to the answer");
        assertEquals(16, r.maxTokens());
        assertEquals(9, r.promptTokens());
        assertEquals(5, r.completionTokens());
        assertEquals("LENGTH", r.finishReason());
        assertEquals(20.0, r.clientTtftMs(), 1e-9);
        assertEquals(8.0, r.clientTokensPerSecond(), 1e-9, "4 tokens after the first chunk in 0.5 s");
        assertEquals(12.5, r.serverTtftMs());
        assertEquals(80.0, r.serverTokensPerSecond());
        assertTrue(!r.failed());
    }

    @Test
    void oneChunkGivesNoClientSpeed() {
        PromptResult r = PromptResult.of("p1", 16, generation(1, 20_000_000, 20_000_000, 0, Optional.of(FIN),
                Optional.empty()));
        assertTrue(Double.isNaN(r.clientTokensPerSecond()));
        assertEquals(20.0, r.clientTtftMs(), 1e-9);
    }

    @Test
    void anErrorOrAMissingFinalMessageIsAFailedPrompt() {
        PromptResult error = PromptResult.of("p2", 16, generation(0, -1, -1, 0, Optional.empty(),
                Optional.of(Status.INVALID_ARGUMENT.withDescription("prompt too long"))));
        assertTrue(error.failed());
        assertEquals("INVALID_ARGUMENT: prompt too long", error.error());
        assertEquals("ERROR", error.finishReason());
        PromptResult cut = PromptResult.of("p3", 16, generation(2, 1, 2, 1, Optional.empty(), Optional.empty()));
        assertEquals("the stream ended without a Final message", cut.error());
    }
}
