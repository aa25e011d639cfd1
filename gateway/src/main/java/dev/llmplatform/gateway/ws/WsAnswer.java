package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.inference.GenerationListener;
import dev.llmplatform.gateway.openai.OpenAiJson;
import dev.llmplatform.proto.inference.v1.Final;
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
    public void onFinal(Final result) {
        onEnd.run();
        send.accept(new WsFrames.Done(id, OpenAiJson.finishReason(result.getFinishReason()),
                OpenAiJson.Usage.of(result), OpenAiJson.Timings.of(result)));
    }

    @Override
    public void onError(ApiException error, boolean afterFirstChunk) {
        onEnd.run();
        send.accept(new WsFrames.Error(id, error.body().error()));
    }

    /** The done frame sent when the client stopped this answer (prompt tokens are not known then). */
    WsFrames.Done cancelledFrame() {
        int tokens = completionTokens;
        return new WsFrames.Done(id, "cancelled", new OpenAiJson.Usage(0, tokens, tokens), null);
    }
}
