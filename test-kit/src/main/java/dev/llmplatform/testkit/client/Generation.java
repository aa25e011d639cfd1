package dev.llmplatform.testkit.client;

import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.FinishReason;
import dev.llmplatform.proto.inference.v1.Progress;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;

/**
 * One {@code Generate} stream as the client saw it. Times are nanoseconds from the call, -1 when the event did not
 * happen. {@code Progress} heartbeats carry no text: they are counted and kept apart, never mixed into the text.
 *
 * @param text                  the chunks' text, joined
 * @param chunks                chunk messages received
 * @param pieces                chunk messages with non-empty text
 * @param tokensAfterFirstChunk the {@code Chunk.tokens} of every chunk after the first
 * @param progress              the progress heartbeats, in order
 * @param firstChunkNanos       call to the first chunk
 * @param firstTextNanos        call to the first chunk with non-empty text
 * @param lastChunkNanos        call to the last chunk
 * @param totalNanos            call to the final message, the error or the end of the stream
 * @param fin                   the final message, when one came
 * @param error                 the gRPC status the call failed with, when it failed
 */
public record Generation(String text, int chunks, int pieces, int tokensAfterFirstChunk, List<Progress> progress,
        long firstChunkNanos, long firstTextNanos, long lastChunkNanos, long totalNanos, Optional<Final> fin,
        Optional<Status> error) {

    /** Number of progress heartbeats received. */
    public int progressCount() {
        return progress.size();
    }

    /** Whether the stream ended with a final message. */
    public boolean completed() {
        return fin.isPresent();
    }

    /** Client-side tokens per second after the first chunk (first to last chunk); NaN with fewer than two chunks. */
    public double tokensPerSecondAfterFirstChunk() {
        return chunks < 2 || lastChunkNanos == firstChunkNanos ? Double.NaN
                : tokensAfterFirstChunk / ((lastChunkNanos - firstChunkNanos) / 1e9);
    }

    /** The stream in the terms every streamed path shares: the outcome, times to first text and end, tokens. */
    public StreamResult toStreamResult() {
        if (fin.isPresent()) {
            FinishReason reason = fin.get().getFinishReason();
            StreamResult.Outcome outcome = reason == FinishReason.FINISH_REASON_ERROR ? StreamResult.Outcome.FAILED
                    : StreamResult.Outcome.COMPLETED;
            return new StreamResult(outcome, outcome == StreamResult.Outcome.FAILED ? "gRPC Final ERROR" : "",
                    firstTextNanos, totalNanos, fin.get().getUsage().getCompletionTokens(), text, 0, reason.name());
        }
        if (error.isPresent()) {
            Status.Code code = error.get().getCode();
            return new StreamResult(code == Status.Code.DEADLINE_EXCEEDED ? StreamResult.Outcome.HUNG
                    : StreamResult.Outcome.FAILED, "gRPC " + code, firstTextNanos, totalNanos, pieces, text, 0, "");
        }
        return new StreamResult(StreamResult.Outcome.TRUNCATED, "gRPC stream ended without Final", firstTextNanos,
                totalNanos, pieces, text, 0, "");
    }
}
