package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.connection.RequestAccounting;
import dev.llmplatform.gateway.error.ErrorBody;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions}. One URL answers one JSON body or a stream of
 * server-sent events, as the body's {@code stream} flag says, so both are a {@link RestMulti} whose content type is
 * set per request: Quarkus REST writes the status with the first item, and a failure before it goes through the
 * exception mappers with its real status. Closing the connection cancels the stream and with it the generation.
 */
@Tag(name = "OpenAI")
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
public class CompletionsResource {

    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final String JSON = "application/json";

    private final InferenceBackend backend;
    private final ObjectMapper mapper;
    private final RequestAccounting accounting;
    private final long keepAliveMillis;
    private final SystemFingerprint fingerprint;

    CompletionsResource(InferenceBackend backend, ObjectMapper mapper, RequestAccounting accounting,
            GatewayConfig config, SystemFingerprint fingerprint) {
        this.backend = backend;
        this.fingerprint = fingerprint;
        this.mapper = mapper;
        this.accounting = accounting;
        this.keepAliveMillis = config.sse().keepAliveInterval().toMillis();
    }

    /** An OpenAI chat completion: {@code chat.completion}, or {@code chat.completion.chunk} events. */
    @POST
    @Path("/chat/completions")
    @Operation(operationId = "createChatCompletion",
            summary = "OpenAI chat completions: JSON, or server-sent events with \"stream\": true")
    @APIResponse(responseCode = "200", description = "The answer, or its events when \"stream\" is true", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = OpenAiJson.ChatCompletion.class)),
            @Content(mediaType = "text/event-stream", schema = @Schema(implementation = OpenAiJson.ChatChunk.class))})
    @APIResponse(responseCode = "400", description = "A field out of bounds, unknown or not served",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ErrorBody.class)))
    public RestMulti<String> chat(ChatCompletionRequest body, @Context HttpServerRequest http) {
        RequestMapping.Parsed request = RequestMapping.chat(body, id("req-"));
        String model = request.generation().model();
        return answer(request, ChatAnswers.of(request, new ChatFormat(id("chatcmpl-"), now(), model,
                fingerprint.of(model))), http);
    }

    /** A legacy completion: {@code text_completion} objects, whole or streamed. */
    @POST
    @Path("/completions")
    @Operation(operationId = "createCompletion",
            summary = "OpenAI legacy completions with a prompt: JSON, or server-sent events with \"stream\": true")
    @APIResponse(responseCode = "200", description = "The answer, or its events when \"stream\" is true", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = OpenAiJson.TextCompletion.class)),
            @Content(mediaType = "text/event-stream",
                    schema = @Schema(implementation = OpenAiJson.TextCompletion.class))})
    @APIResponse(responseCode = "400", description = "A field out of bounds, unknown or not served",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ErrorBody.class)))
    public RestMulti<String> completions(CompletionRequest body, @Context HttpServerRequest http) {
        RequestMapping.Parsed request = RequestMapping.completion(body, id("req-"));
        String model = request.generation().model();
        String echo = Boolean.TRUE.equals(body.echo()) ? request.generation().prompt() : "";
        return answer(request, new CompletionFormat(id("cmpl-"), now(), model, fingerprint.of(model), echo), http);
    }

    /**
     * The answer as the request asked for it. A stream is also ended for the graceful shutdown when its connection
     * closes: a client that leaves while an event is being written can make Vert.x lose the end of the response.
     */
    private RestMulti<String> answer(RequestMapping.Parsed request, AnswerFormat format, HttpServerRequest http) {
        io.vertx.core.Context context = Vertx.currentContext();
        if (!request.stream()) {
            return RestMulti.fromMultiData(WholeAnswer.of(backend, request.generation(), format, context, mapper))
                    .header("Content-Type", JSON).build();
        }
        accounting.endWhenClosed(http);
        Multi<String> events = SseStream.of(backend, request.generation(), format, request.includeUsage(), context,
                mapper, http.response(), keepAliveMillis);
        return RestMulti.fromMultiData(events).header("Content-Type", SSE).header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    private static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
