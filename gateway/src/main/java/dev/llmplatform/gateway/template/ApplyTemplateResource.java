package dev.llmplatform.gateway.template;

import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.backend.ServedModel;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.openai.ChatRequests;
import dev.llmplatform.gateway.openai.RequestMapping;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /apply-template} (llama-server's route): the prompt the model's chat template makes of a chat, through
 * RenderChat on one of the model's endpoints, answered as {@code {"prompt": "...", "tokens": n}}. The template's own
 * refusals come back as 400 with its message; a model whose template is broken is a 400 {@code template_unavailable}.
 */
@Tag(name = "Templates")
@Path("/apply-template")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApplyTemplateResource {

    private final InferenceBackend backend;

    ApplyTemplateResource(InferenceBackend backend) {
        this.backend = backend;
    }

    /** The answer: the prompt text and how many tokens a generation would evaluate for it. */
    public record Applied(String prompt, int tokens) {
    }

    @POST
    @Operation(operationId = "applyTemplate",
            summary = "The prompt the model's chat template makes of messages (llama-server's /apply-template)")
    public Uni<Applied> apply(ApplyTemplateRequest body) {
        RequestMapping.requireBody(body);
        RequestMapping.refuse(body.chatTemplate(), "chat_template", "the model's own template is applied");
        RequestMapping.refuse(body.chatTemplateKwargs(), "chat_template_kwargs", "the model's own template is applied");
        if (body.messages() == null) {
            throw ApiException.invalid("messages", "'messages' is required");
        }
        Chat chat = new Chat(ChatRequests.messages(body.messages()), ChatRequests.tools(body.tools()));
        return backend.renderChat(model(body.model()), chat, !Boolean.FALSE.equals(body.addGenerationPrompt()))
                .map(rendered -> new Applied(rendered.prompt(), rendered.tokens()));
    }

    /** The model named, or the one chat model served when only one is (embedding models have no template). */
    private String model(String named) {
        if (named != null) {
            return RequestMapping.name(named, "model");
        }
        List<ServedModel> served = backend.readyModels().stream().filter(model -> !model.embeds()).toList();
        if (served.size() == 1) {
            return served.get(0).name();
        }
        if (served.isEmpty()) {
            throw ApiException.unavailable("No model is served yet; retry later");
        }
        throw ApiException.invalid("model", "'model' is required when more than one model is served ("
                + served.stream().map(ServedModel::name).collect(Collectors.joining(", ")) + ")");
    }
}
