package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.HttpErrors;
import dev.llmplatform.gateway.inference.GenerationListener;
import dev.llmplatform.proto.inference.v1.Final;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/** Collects one generation and answers it as a single JSON body. */
final class WholeAnswer implements GenerationListener {

    private final HttpServerResponse response;
    private final Context context;
    private final ObjectMapper mapper;
    private final AnswerFormat format;
    private final StringBuilder text = new StringBuilder();

    WholeAnswer(HttpServerResponse response, Context context, ObjectMapper mapper, AnswerFormat format) {
        this.response = response;
        this.context = context;
        this.mapper = mapper;
        this.format = format;
    }

    @Override
    public void onChunk(String piece, int tokens) {
        text.append(piece);
    }

    @Override
    public void onFinal(Final result) {
        String body = HttpErrors.json(mapper, format.whole(text.toString(), result));
        context.runOnContext(v -> {
            if (!response.closed() && !response.ended()) {
                response.setStatusCode(200).putHeader("Content-Type", "application/json").end(body);
            }
        });
    }

    @Override
    public void onError(ApiException error, boolean afterFirstChunk) {
        context.runOnContext(v -> HttpErrors.write(response, mapper, error));
    }
}
