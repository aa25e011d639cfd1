package dev.llmplatform.gateway.openai;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The completions endpoints answer in the form the body's {@code stream} flag asks for, whatever the Accept header
 * says, as OpenAI's API does: its official clients send {@code Accept: application/json} for streams too, EventSource
 * polyfills send {@code text/event-stream}, and neither may be refused with a 406. Quarkus REST negotiates before
 * the method runs, so the header is set to {@code *}{@code /*} for these two routes before matching; the method then
 * sets the real content type per answer.
 */
public class AnswerNegotiation {

    private static final Set<String> ANSWER_PATHS = Set.of("/v1/chat/completions", "/v1/completions");

    @ServerRequestFilter(preMatching = true)
    public void anyAcceptForAnswers(ContainerRequestContext request) {
        if ("POST".equals(request.getMethod()) && ANSWER_PATHS.contains(request.getUriInfo().getPath())) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.WILDCARD);
        }
    }
}
