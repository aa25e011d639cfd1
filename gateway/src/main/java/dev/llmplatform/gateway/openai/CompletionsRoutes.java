package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.error.JsonErrors;
import dev.llmplatform.gateway.http.BodyLimit;
import dev.llmplatform.gateway.http.HttpErrors;
import dev.llmplatform.gateway.inference.GenerationHandle;
import dev.llmplatform.gateway.inference.GenerationListener;
import dev.llmplatform.gateway.inference.InferenceRouter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions}. These are Vert.x routes rather than JAX-RS
 * resources because one URL answers either one JSON body or an SSE stream depending on the body's {@code stream}
 * flag, and the status must be decided at the first generated chunk (so a request refused by inference gets a real
 * 4xx/5xx); closing the connection cancels the gRPC call at once. Errors have the same JSON shape as everywhere.
 * Nothing here blocks: parsing and validation are cheap and generation is asynchronous.
 */
@ApplicationScoped
public class CompletionsRoutes {

    private static final Logger LOG = Logger.getLogger(CompletionsRoutes.class);
    private static final int ORDER = -100;

    private final RequestParser parser;
    private final InferenceRouter router;
    private final BodyLimit bodyLimit;
    private final ObjectMapper mapper;
    private final long keepAliveMillis;

    CompletionsRoutes(RequestParser parser, InferenceRouter router, BodyLimit bodyLimit, ObjectMapper mapper,
            GatewayConfig config) {
        this.parser = parser;
        this.router = router;
        this.bodyLimit = bodyLimit;
        this.mapper = mapper;
        this.keepAliveMillis = config.sse().keepAliveInterval().toMillis();
    }

    void register(@Observes Router vertxRouter) {
        vertxRouter.post("/v1/chat/completions").order(ORDER)
                .handler(ctx -> handle(ctx, parser::chat, r -> new ChatFormat(id("chatcmpl-"), now(), r.model())));
        vertxRouter.post("/v1/completions").order(ORDER)
                .handler(ctx -> handle(ctx, parser::completion, r -> new CompletionFormat(id("cmpl-"), now(), r.model())));
    }

    private void handle(RoutingContext ctx, Function<JsonNode, ChatRequest> parse,
            Function<ChatRequest, AnswerFormat> formats) {
        HttpServerResponse response = ctx.response();
        Context context = Vertx.currentContext();
        bodyLimit.read(ctx.request()).onComplete(body -> {
            try {
                if (body.failed()) {
                    throw body.cause() instanceof ApiException api ? api
                            : ApiException.malformed("The request body could not be read");
                }
                ChatRequest request = parse.apply(readJson(body.result().getBytes()));
                AnswerFormat format = formats.apply(request);
                SseAnswer sse = request.stream()
                        ? new SseAnswer(response, context, mapper, format, request.includeUsage(), keepAliveMillis)
                        : null;
                GenerationListener listener = sse != null ? sse : new WholeAnswer(response, context, mapper, format);
                GenerationHandle handle = router.start(request.model(), request.toGenerateRequest(id("req-")), listener);
                response.closeHandler(v -> handle.cancel());
                if (sse != null) {
                    sse.onStalled(handle::cancel);
                }
            } catch (ApiException e) {
                HttpErrors.write(response, mapper, e);
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure in a completion request", e);
                HttpErrors.write(response, mapper, ApiException.internal("Internal error"));
            }
        });
    }

    private JsonNode readJson(byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw JsonErrors.malformed(e);
        } catch (IOException e) {
            throw ApiException.malformed("The request body could not be read");
        }
    }

    private static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
