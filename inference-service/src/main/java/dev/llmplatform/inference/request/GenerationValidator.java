package dev.llmplatform.inference.request;

import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import java.nio.charset.StandardCharsets;

/**
 * Validates a raw {@link GenerateRequest} into a {@link ValidatedGeneration}: model name, input, sampling, and the
 * context budget. Never truncates: a prompt that does not fit is refused with the numbers. A request that left
 * max_tokens at 0 gets the default, lowered to what is left of the slot's context (at least one token).
 */
public final class GenerationValidator {

    private final TextEngine engine;
    private final ModelFacts facts;
    private final PromptBuilder prompts;
    private final SamplingValidator sampling;

    /** A validator for the engine's model. */
    public GenerationValidator(TextEngine engine, SamplingDefaults defaults) {
        this.engine = engine;
        this.facts = engine.facts();
        this.prompts = new PromptBuilder(engine);
        this.sampling = new SamplingValidator(defaults, facts.contextPerSlot());
    }

    /** Validates the request; throws {@link InferenceError} when it is refused. Blocks in native tokenization. */
    public ValidatedGeneration validate(GenerateRequest request) {
        if (!request.getModel().isEmpty() && !request.getModel().equals(facts.name())) {
            throw InferenceError.notFound("model \"" + sanitise(request.getModel(), 64) + "\" is not served here; "
                    + "this service serves \"" + facts.name() + "\"");
        }
        SamplingSettings settings = sampling.validate(request.getParams());
        PromptBuilder.Prompt prompt = prompts.build(request);
        int context = facts.contextPerSlot();
        long byteLimit = (long) context * RequestLimits.MAX_PROMPT_BYTES_PER_TOKEN;
        int bytes = prompt.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > byteLimit) {
            throw InferenceError.invalid("prompt is " + bytes + " bytes, over the limit of " + byteLimit + " bytes ("
                    + RequestLimits.MAX_PROMPT_BYTES_PER_TOKEN + " per token of the slot's context of " + context
                    + " tokens)");
        }
        int promptTokens = engine.tokenize(prompt.text()).length + (facts.addsBos() ? 1 : 0);
        int maxTokens = settings.maxTokens();
        if (settings.maxTokensDefaulted()) {
            maxTokens = Math.max(1, Math.min(maxTokens, context - promptTokens));
        }
        if ((long) promptTokens + maxTokens > context) {
            throw InferenceError.invalid("prompt has " + promptTokens + " tokens and max_tokens is " + maxTokens
                    + ", together over the slot's context of " + context + " tokens");
        }
        return new ValidatedGeneration(sanitise(request.getRequestId(), RequestLimits.MAX_REQUEST_ID_CHARS),
                prompt.text(), promptTokens, settings.withMaxTokens(maxTokens), prompt.plainCompletion());
    }

    /** Keeps a client string safe for logs and messages: letters, digits and {@code ._:-}, cut to a length. */
    static String sanitise(String text, int maxChars) {
        String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
        return cut.replaceAll("[^A-Za-z0-9._:\\-]", "_");
    }
}
