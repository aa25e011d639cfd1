package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.error.ErrorMapping;
import dev.llmplatform.gateway.openai.OpenAiJson;
import java.util.function.Consumer;

/** Sends one answer of a WebSocket connection as delta frames, then a done or error frame. */
final class WsAnswer implements GenerationListener {

    private final String id;
    private final Consumer<Object> send;
    private final Runnable onEnd;
    private volatile int completionTokens;

    WsAnswer(String id, Consumer<Object> send, Runnable onEnd) {
        this.id = id;
        this.send = send;
        this.onEnd = onEnd;
    }

    @Override
    public void onChunk(String text, int tokens) {
        completionTokens += tokens;
        send.accept(new WsFrames.Delta(id, text));
    }

    @Override
    public void onFinal(GenerationResult result) {
        onEnd.run();
        send.accept(new WsFrames.Done(id, OpenAiJson.finishReason(result.finishReason()),
                OpenAiJson.Usage.of(result), OpenAiJson.Timings.of(result)));
    }

    @Override
    public void onError(BackendFailure failure, boolean afterFirstChunk) {
        onEnd.run();
        send.accept(new WsFrames.Error(id, ErrorMapping.of(failure).body().error()));
    }

    /** The done frame sent when the client stopped this answer (prompt tokens are not known then). */
    WsFrames.Done cancelledFrame() {
        int tokens = completionTokens;
        return new WsFrames.Done(id, "cancelled", OpenAiJson.Usage.completionOnly(tokens), null);
    }
}
